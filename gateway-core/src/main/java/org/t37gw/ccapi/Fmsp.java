package org.t37gw.ccapi;

import java.util.function.Consumer;

/**
 * Fax media service provider: runs one T.30 session (over a Class 1/2 modem, a DSP, or T.38) on a
 * connected telephony leg. The provider reaches the leg's media through the driver that carries it (the
 * same module implements {@link Vtsp}); call control only says which leg and which way.
 *
 * <p>Both calls return at once. The session reports, in order, {@link CallEvent.FaxModeNegotiated}
 * (each time phase B settles), {@link CallEvent.PageSent} or {@link CallEvent.PageReceived} per page, and
 * one {@link CallEvent.FaxCompleted} at the end, to {@code events} (normally
 * {@link CallManager#fire(CallEvent)}).
 */
public interface Fmsp {

    /** Sends {@code pages} on the connected leg {@code callId}; the source is closed when the session ends. */
    FaxSession send(CallId callId, FaxSessionOptions options, PageSource pages, Consumer<CallEvent> events);

    /**
     * Receives pages on the connected leg {@code callId} into {@code pages}; the sink is closed on success,
     * aborted on failure.
     */
    FaxSession receive(CallId callId, FaxSessionOptions options, PageSink pages, Consumer<CallEvent> events);

    /** A running session. */
    interface FaxSession {

        /** The leg it runs on. */
        CallId callId();

        /** Ends the session now (DCN if possible); a failed {@link CallEvent.FaxCompleted} follows. */
        void abort(String reason);
    }
}
