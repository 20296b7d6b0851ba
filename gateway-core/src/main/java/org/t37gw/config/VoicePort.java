package org.t37gw.config;

import java.util.Objects;

/**
 * One {@code voice-port NAME} block.
 *
 * @param name   the port name, unique in a config (IOS style {@code 0}, {@code 1/0:23}, ...)
 * @param driver its one driver line
 * @param file   config file it came from, may be {@code null}
 * @param line   line of the {@code voice-port} command, 0 when unknown
 */
public record VoicePort(String name, PortDriver driver, String file, int line) {
    public VoicePort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
    }
}
