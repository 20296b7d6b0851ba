package org.t37gw.smtp.dsn;

import java.util.Objects;

/** Whether to send a DSN for one recipient's outcome ({@link NotifyPolicy#decide}). */
public sealed interface DsnDecision {

    /** Send one with this action. */
    record Send(Action action) implements DsnDecision {
        public Send {
            Objects.requireNonNull(action, "action");
        }
    }

    /** Send none, and why (for the log). */
    record Suppress(String reason) implements DsnDecision {
        public Suppress {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
