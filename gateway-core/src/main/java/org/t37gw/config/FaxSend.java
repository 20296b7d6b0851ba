package org.t37gw.config;

import java.util.Objects;

/**
 * The {@code fax send ...} commands: how the off-ramp sends faxes.
 *
 * @param transmittingSubscriber {@code fax send transmitting-subscriber} ({@code $s$} or text), or {@code null}
 * @param maxSpeed               {@code fax send max-speed} in bit/s
 * @param leftHeader             {@code fax send left-header}, or {@code null}
 * @param centerHeader           {@code fax send center-header}, or {@code null}
 * @param rightHeader            {@code fax send right-header}, or {@code null}
 * @param coverpage              {@code fax send coverpage ...}
 * @param retry                  {@code fax send retries} and {@code fax send retry-interval}
 */
public record FaxSend(
        String transmittingSubscriber,
        int maxSpeed,
        String leftHeader,
        String centerHeader,
        String rightHeader,
        Coverpage coverpage,
        RetryPolicy retry) {

    /** IOS default of {@code fax send max-speed}. */
    public static final int DEFAULT_MAX_SPEED = 14400;

    public FaxSend {
        Objects.requireNonNull(coverpage, "coverpage");
        Objects.requireNonNull(retry, "retry");
    }

    /** Every field at its default. */
    public static FaxSend defaults() {
        return new FaxSend(null, DEFAULT_MAX_SPEED, null, null, null, Coverpage.defaults(), RetryPolicy.defaults());
    }

    /**
     * {@code fax send coverpage ...}: a cover sheet for text mails (never for TIFF).
     *
     * @param enable             {@code fax send coverpage enable}
     * @param comment            {@code fax send coverpage comment}, or {@code null}
     * @param showDetail         {@code fax send coverpage show-detail}: print all mail headers on it
     * @param emailControllable  {@code fax send coverpage e-mail-controllable}: honour {@code /cover=yes|no}
     */
    public record Coverpage(boolean enable, String comment, boolean showDetail, boolean emailControllable) {
        public static Coverpage defaults() {
            return new Coverpage(false, null, false, false);
        }
    }
}
