package org.t37gw.config;

import java.util.List;

/**
 * What loading a config gave: the config when it is valid, and every error and warning.
 *
 * @param config   the config, or {@code null} when there are errors
 * @param errors   every error, ordered by line
 * @param warnings every warning (the config is still usable), ordered by line
 */
public record ConfigResult(GatewayConfig config, List<ConfigError> errors, List<ConfigError> warnings) {

    public ConfigResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (errors.isEmpty() == (config == null)) {
            throw new IllegalArgumentException("a config exactly when there are no errors");
        }
    }

    /** Whether there are no errors (warnings allowed). */
    public boolean ok() {
        return errors.isEmpty();
    }
}
