package org.t37gw.onramp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.t37gw.config.GatewayConfig;

/**
 * What the on-ramp needs from the daemon beyond {@link org.t37gw.ccapi.ApplicationContext}: the config in
 * force (for {@code mta send}, {@code fax receive} and {@code hostname}) and a directory of its own for the
 * pages of faxes being received. Offered by {@link OnRampComponents} through
 * {@code DaemonContext.provide(OnRampEnvironment.class, ...)}; tests build one directly.
 *
 * @param config  the config generation in force now (read per call)
 * @param workDir where received pages grow until they are mailed ({@code STATE/onramp})
 */
public record OnRampEnvironment(Supplier<GatewayConfig> config, Path workDir) {

    public OnRampEnvironment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(workDir, "workDir");
    }
}
