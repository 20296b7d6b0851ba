package org.t37gw.fmsp.t38;

import java.util.List;

/**
 * The {@code t30-indicator} of an IFP packet (T.38 clause 6.2.1, ASN.1 {@code Type-of-msg}): which signal the
 * sending gateway's modem now hears or sends. An open enum: the named values are the sixteen root values and the
 * seven extension additions of T.38 (2002) and later, but any non-negative code is representable, so an unknown
 * extension value decodes into an indicator whose {@link #name()} is {@code unknown-N} instead of failing.
 *
 * @param code the enumeration index; 0..15 are root values, 16 and up extension additions
 */
public record T30Indicator(int code) {

    /** Number of root values (before the extension marker), which PER encodes in four bits. */
    public static final int ROOT_COUNT = 16;

    private static final List<String> NAMES = List.of(
            "no-signal", "cng", "ced", "v21-preamble", "v27-2400-training", "v27-4800-training",
            "v29-7200-training", "v29-9600-training", "v17-7200-short-training", "v17-7200-long-training",
            "v17-9600-short-training", "v17-9600-long-training", "v17-12000-short-training",
            "v17-12000-long-training", "v17-14400-short-training", "v17-14400-long-training",
            // extension additions, T.38 (2002) onwards
            "v8-ansam", "v8-signal", "v34-cntl-channel-1200", "v34-pri-channel", "v34-CC-retrain",
            "v33-12000-training", "v33-14400-training");

    private static final T30Indicator[] KNOWN = new T30Indicator[NAMES.size()];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            KNOWN[i] = new T30Indicator(i);
        }
    }

    public static final T30Indicator NO_SIGNAL = KNOWN[0];
    public static final T30Indicator CNG = KNOWN[1];
    public static final T30Indicator CED = KNOWN[2];
    public static final T30Indicator V21_PREAMBLE = KNOWN[3];
    public static final T30Indicator V27_2400_TRAINING = KNOWN[4];
    public static final T30Indicator V27_4800_TRAINING = KNOWN[5];
    public static final T30Indicator V29_7200_TRAINING = KNOWN[6];
    public static final T30Indicator V29_9600_TRAINING = KNOWN[7];
    public static final T30Indicator V17_7200_SHORT_TRAINING = KNOWN[8];
    public static final T30Indicator V17_7200_LONG_TRAINING = KNOWN[9];
    public static final T30Indicator V17_9600_SHORT_TRAINING = KNOWN[10];
    public static final T30Indicator V17_9600_LONG_TRAINING = KNOWN[11];
    public static final T30Indicator V17_12000_SHORT_TRAINING = KNOWN[12];
    public static final T30Indicator V17_12000_LONG_TRAINING = KNOWN[13];
    public static final T30Indicator V17_14400_SHORT_TRAINING = KNOWN[14];
    public static final T30Indicator V17_14400_LONG_TRAINING = KNOWN[15];
    public static final T30Indicator V8_ANSAM = KNOWN[16];
    public static final T30Indicator V8_SIGNAL = KNOWN[17];
    public static final T30Indicator V34_CNTL_CHANNEL_1200 = KNOWN[18];
    public static final T30Indicator V34_PRI_CHANNEL = KNOWN[19];
    public static final T30Indicator V34_CC_RETRAIN = KNOWN[20];
    public static final T30Indicator V33_12000_TRAINING = KNOWN[21];
    public static final T30Indicator V33_14400_TRAINING = KNOWN[22];

    public T30Indicator {
        if (code < 0) {
            throw new IllegalArgumentException("negative t30-indicator " + code);
        }
    }

    /** The shared constant for a known code, otherwise a new unknown indicator. */
    public static T30Indicator of(int code) {
        return code >= 0 && code < KNOWN.length ? KNOWN[code] : new T30Indicator(code);
    }

    /** True for the named values (root and the extension additions T.38 defines). */
    public boolean isKnown() {
        return code < NAMES.size();
    }

    /** True for values after the extension marker (encoded with the extension bit set). */
    public boolean isExtension() {
        return code >= ROOT_COUNT;
    }

    /** The ASN.1 identifier, e.g. {@code v21-preamble}, or {@code unknown-N}. */
    public String name() {
        return isKnown() ? NAMES.get(code) : "unknown-" + code;
    }

    @Override
    public String toString() {
        return name();
    }
}
