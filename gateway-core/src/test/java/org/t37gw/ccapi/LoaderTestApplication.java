package org.t37gw.ccapi;

/** Found by {@link java.util.ServiceLoader} in {@code ApplicationRegistryTest}; must be public. */
public class LoaderTestApplication implements Application {

    @Override
    public String name() {
        return "loader_test_app";
    }

    @Override
    public SetupDecision onSetup(CallLeg leg) {
        return SetupDecision.reject(Q850Cause.CALL_REJECTED, "test");
    }

    @Override
    public void onEvent(CallLeg leg, CallEvent event) {
    }
}
