package org.t37gw.ccapi;

/**
 * A call-control application: the Java counterpart of an IOS session application such as
 * {@code fax_on_vfc_onramp_app}. A dial-peer names it on its {@code application} line; the
 * {@link CallManager} hands it the legs that dial-peer matched and every event on them.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.t37gw.ccapi.Application} entry) by {@link ApplicationRegistry}, so the core
 * never depends on the modules that provide them. They need a public no-argument constructor; everything
 * else arrives through {@link #start(ApplicationContext)}.
 *
 * <p>Callbacks come from driver and timer threads, possibly several at once for different legs, never
 * twice at once for the same leg from the manager itself; they must not block (no waiting on a line or a
 * mail server: start the work and return).
 */
public interface Application {

    /** The name used on the config's {@code application} lines, e.g. {@code fax_on_vfc_onramp_app}. */
    String name();

    /** Called once before any call is offered. */
    default void start(ApplicationContext context) {
    }

    /** Called once at shutdown, after the last call was offered. */
    default void stop() {
    }

    /**
     * An inbound leg matched a dial-peer with this application: accept or reject it. Called before the
     * leg's {@link CallEvent.Setup} event.
     */
    SetupDecision onSetup(CallLeg leg);

    /** An event on one of this application's legs (inbound or outbound). */
    void onEvent(CallLeg leg, CallEvent event);
}
