package org.t37gw.onramp;

import org.t37gw.daemon.ComponentProvider;
import org.t37gw.daemon.Container;
import org.t37gw.daemon.DaemonContext;

/**
 * gateway-onramp's part of the daemon: offers the {@link OnRampEnvironment} (config in force,
 * {@code STATE/onramp}) to {@link OnRampApplication}, which finds it with
 * {@code ApplicationContext.service(OnRampEnvironment.class)} when it starts.
 */
public final class OnRampComponents implements ComponentProvider {

    /** The on-ramp's directory under the state directory. */
    public static final String WORK_DIR = "onramp";

    @Override
    public String name() {
        return "onramp";
    }

    @Override
    public void contribute(DaemonContext context, Container container) {
        context.provide(OnRampEnvironment.class, new OnRampEnvironment(() -> context.currentConfig().config(),
                context.stateDir().resolve(WORK_DIR)));
    }
}
