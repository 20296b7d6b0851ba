package org.t37gw.smtp.dsn;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a recipient's {@code NOTIFY=} asked for (RFC 3461 §4.1).
 *
 * @param conditions the conditions; empty means {@code NEVER} when {@code explicit}
 * @param explicit   whether the client sent {@code NOTIFY=}; without it the defaults apply
 */
public record NotifyRequest(Set<Notify> conditions, boolean explicit) {

    /** No {@code NOTIFY=}: we report failure and delay (RFC 3461 §4.1 leaves the default to us). */
    public static final NotifyRequest DEFAULT = new NotifyRequest(EnumSet.of(Notify.FAILURE, Notify.DELAY), false);
    /** {@code NOTIFY=NEVER}. */
    public static final NotifyRequest NEVER = new NotifyRequest(Set.of(), true);

    public NotifyRequest {
        conditions = conditions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(conditions));
    }

    /** Whether a DSN is wanted when {@code condition} happens. */
    public boolean wants(Notify condition) {
        return conditions.contains(condition);
    }

    /**
     * Parses the value of {@code NOTIFY=}: {@code NEVER}, or a comma list of SUCCESS, FAILURE, DELAY.
     * Empty when the value is not valid (NEVER combined with others, unknown or repeated keywords).
     */
    public static Optional<NotifyRequest> parse(String value) {
        if (value.equalsIgnoreCase("NEVER")) {
            return Optional.of(NEVER);
        }
        EnumSet<Notify> set = EnumSet.noneOf(Notify.class);
        for (String part : value.split(",", -1)) {
            Notify n;
            try {
                n = Notify.valueOf(part.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (!set.add(n)) {
                return Optional.empty();
            }
        }
        return Optional.of(new NotifyRequest(set, true));
    }

    /** The parameter value as it would be sent on: {@code NEVER} or e.g. {@code SUCCESS,FAILURE}. */
    public String toParameter() {
        if (conditions.isEmpty()) {
            return "NEVER";
        }
        List<String> names = new ArrayList<>();
        for (Notify n : Notify.values()) {
            if (conditions.contains(n)) {
                names.add(n.name());
            }
        }
        return String.join(",", names);
    }
}
