package org.t37gw.onramp;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxResolution;

/**
 * The application fields of an ONRAMP job's {@code fax_record} (docs/onramp.md lists them): the call
 * ({@code onramp.*}, written when the job is created, the page count after each page) and the T.30 facts
 * of the received fax ({@code fax.*}, written as they become known and in full when the call ends).
 */
final class OnRampRecord {

    static final String CALL_ID = "onramp.call-id";
    static final String CALLING = "onramp.calling";
    static final String CALLED = "onramp.called";
    static final String PORT = "onramp.port";
    static final String POTS_PEER = "onramp.pots-peer";
    static final String MMOIP_PEER = "onramp.mmoip-peer";
    static final String MAILTO = "onramp.mailto";
    static final String DSN = "onramp.dsn";
    static final String MDN = "onramp.mdn";
    static final String IMAGE_ENCODING = "onramp.image-encoding";
    static final String IMAGE_RESOLUTION = "onramp.image-resolution";
    static final String ANSWERED = "onramp.answered";
    static final String TIFF = "onramp.tiff";
    static final String PAGES_RECEIVED = "onramp.pages-received";
    static final String LAST_PAGE = "onramp.last-page";
    static final String RECOVERED = "onramp.recovered";
    static final String MAIL_JOB = "onramp.mail-job";
    static final String MAIL_TO = "onramp.mail-to";

    static final String REMOTE_ID = "fax.remote-id";
    static final String BIT_RATE = "fax.bit-rate";
    static final String ECM = "fax.ecm";
    static final String RESOLUTION = "fax.resolution";
    static final String CODING = "fax.coding";
    static final String PAGES = "fax.pages";
    static final String PAGES_RTN = "fax.pages-rtn";
    static final String BAD_LINES = "fax.bad-lines";
    static final String DURATION = "fax.duration";
    static final String RESULT = "fax.result";
    static final String REASON = "fax.reason";
    static final String CAUSE = "fax.q850-cause";

    /** Field in a MAIL job made by the on-ramp: the ONRAMP job it carries (recovery looks for it). */
    static final String MAIL_OF_ONRAMP_JOB = "onramp.job";

    private OnRampRecord() {
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    static boolean isYes(Map<String, String> f, String key) {
        return "yes".equals(f.get(key));
    }

    static int intOf(Map<String, String> f, String key, int dflt) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static Optional<Instant> instantOf(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Duration durationOf(Map<String, String> f) {
        return Duration.ofSeconds(Math.max(0, intOf(f, DURATION, 0)));
    }

    static FaxResolution resolutionOf(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            return null;
        }
        try {
            return FaxResolution.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static FaxCoding codingOf(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            return null;
        }
        try {
            return FaxCoding.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
