package org.t37gw.ccapi;

import java.util.Optional;
import java.util.Set;

/**
 * Voice telephony service provider: the lines. One implementation per driver kind (Class 1/2 modem, DSP
 * board, T.38 channel, loopback) drives a set of voice ports; it rings, dials, answers and hangs up, and
 * tells the call-control side the calling and called numbers. What travels on a connected line (the fax
 * signal) is the {@link Fmsp}'s business.
 *
 * <p>Non-blocking: every command returns at once; progress comes back through the {@link Listener}.
 */
public interface Vtsp {

    /** The driver kind, for logs and {@code show}: e.g. {@code class1}, {@code t38}, {@code loopback}. */
    String name();

    /** The voice-port names this provider drives (the config's {@code voice-port NAME}). */
    Set<String> ports();

    /** Opens the ports and starts reporting to {@code listener}. */
    void start(Listener listener);

    /** Releases every port; calls in progress are hung up. */
    void stop();

    /**
     * Seizes {@code port} and dials. The leg's progress arrives as {@link CallEvent.Alerting},
     * {@link CallEvent.Connect} and {@link CallEvent.Disconnect} events with {@code callId}.
     *
     * @param number  the digits to dial (after dial-peer digit manipulation)
     * @param calling the calling number to present, or {@code null}
     */
    void dial(CallId callId, String port, String number, String calling);

    /** Answers an incoming call accepted by call control. */
    void answer(CallId callId);

    /** Clears the call with this cause; a {@link CallEvent.Disconnect} follows. */
    void hangUp(CallId callId, Q850Cause cause);

    /** The call-control side, as the provider sees it. */
    interface Listener {

        /**
         * A call arrives on {@code port}. Call control matches the inbound dial-peer and registers the leg.
         *
         * @param calling calling number (ANI), or {@code null} if the line gives none
         * @param called  called number (DNIS), or {@code null}
         * @return the new leg's id, the provider then answers when told to; or empty: the call is refused
         *         and the provider releases the line
         */
        Optional<CallId> incoming(String port, String calling, String called);

        /** Progress of a leg this provider carries. */
        void event(CallEvent event);
    }
}
