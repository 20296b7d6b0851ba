package org.t37gw.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects errors and warnings; both come out ordered by line (stable). */
final class Diagnostics {
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();

    void error(String file, int line, String message) {
        errors.add(new ConfigError(file, line, message));
    }

    void warning(String file, int line, String message) {
        warnings.add(new ConfigError(file, line, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigError> errors() {
        return sorted(errors);
    }

    List<ConfigError> warnings() {
        return sorted(warnings);
    }

    private static List<ConfigError> sorted(List<ConfigError> l) {
        List<ConfigError> s = new ArrayList<>(l);
        s.sort(Comparator.comparingInt(ConfigError::line));
        return s;
    }
}
