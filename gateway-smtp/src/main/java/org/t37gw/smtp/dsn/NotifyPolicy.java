package org.t37gw.smtp.dsn;

/**
 * RFC 3461 §4.1 NOTIFY handling as a pure decision: given what happened to a recipient and what the
 * sender asked for, send a DSN or not.
 */
public final class NotifyPolicy {

    /** What happened to a recipient's fax. */
    public enum Event {
        /** Faxed: final delivery. */
        DELIVERED,
        /** Handed to a system that returns no DSNs. */
        RELAYED,
        /** Given up. */
        FAILED,
        /** Not yet, still retrying. */
        DELAYED
    }

    private NotifyPolicy() {
    }

    /**
     * @param event          what happened
     * @param request        the recipient's NOTIFY (or {@link NotifyRequest#DEFAULT})
     * @param envelopeSender the MAIL FROM path; {@code ""} is the null reverse-path
     * @param disableDsn     {@code mta receive disable-dsn}
     */
    public static DsnDecision decide(Event event, NotifyRequest request, String envelopeSender, boolean disableDsn) {
        if (envelopeSender == null || envelopeSender.isEmpty()) {
            // RFC 3461 §6.2 / RFC 5321 §4.5.5: never a DSN to the null reverse-path (no DSN for a DSN)
            return new DsnDecision.Suppress("null reverse-path");
        }
        if (disableDsn) {
            return new DsnDecision.Suppress("mta receive disable-dsn");
        }
        if (request.explicit() && request.conditions().isEmpty()) {
            return new DsnDecision.Suppress("NOTIFY=NEVER");
        }
        return switch (event) {
            case DELIVERED -> request.wants(Notify.SUCCESS) ? new DsnDecision.Send(Action.DELIVERED)
                    : new DsnDecision.Suppress("SUCCESS not requested");
            case RELAYED -> request.wants(Notify.SUCCESS) ? new DsnDecision.Send(Action.RELAYED)
                    : new DsnDecision.Suppress("SUCCESS not requested");
            case FAILED -> request.wants(Notify.FAILURE) ? new DsnDecision.Send(Action.FAILED)
                    : new DsnDecision.Suppress("FAILURE not requested");
            case DELAYED -> request.wants(Notify.DELAY) ? new DsnDecision.Send(Action.DELAYED)
                    : new DsnDecision.Suppress("DELAY not requested");
        };
    }
}
