package org.t37gw.daemon;

/**
 * A module above the core that adds components to the daemon (found with
 * {@link java.util.ServiceLoader}): gateway-smtp adds the SMTP listener and mail delivery, gateway-dsp
 * the port drivers. The core never imports those modules.
 */
public interface ComponentProvider {

    /** Short name for logs. */
    String name();

    /**
     * Adds this module's components for the config in force. Called once at start, after the spool and
     * call control are open and before anything is started; components start in the order added.
     */
    void contribute(DaemonContext context, Container container) throws Exception;
}
