package org.t37gw.config;

/**
 * One problem found in a config file.
 *
 * @param file    the file name as given to the loader
 * @param line    1-based line, or 0 for a problem with the whole file (e.g. unreadable)
 * @param message what is wrong, in the form of the rest of {@code FILE:LINE: message}
 */
public record ConfigError(String file, int line, String message) {

    /** {@code FILE:LINE: message} (or {@code FILE: message} when the line is 0). */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
