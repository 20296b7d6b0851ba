package org.t37gw.fmsp.t38;

import java.util.List;

/**
 * The {@code data} (T.38 (2002): {@code t30-data}) choice of an IFP packet's {@code Type-of-msg}: the modulation
 * whose demodulated data the packet carries (T.38 clause 6.2.2). An open enum like {@link T30Indicator}: nine root
 * values, six extension additions (V.8, V.34, V.33), and unknown codes stay representable as {@code unknown-N}.
 *
 * @param code the enumeration index; 0..8 are root values, 9 and up extension additions
 */
public record DataType(int code) {

    /** Number of root values, which PER encodes in four bits. */
    public static final int ROOT_COUNT = 9;

    private static final List<String> NAMES = List.of(
            "v21", "v27-2400", "v27-4800", "v29-7200", "v29-9600", "v17-7200", "v17-9600", "v17-12000",
            "v17-14400",
            // extension additions, T.38 (2002) onwards
            "v8", "v34-pri-rate", "v34-CC-1200", "v34-pri-ch", "v33-12000", "v33-14400");

    private static final DataType[] KNOWN = new DataType[NAMES.size()];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            KNOWN[i] = new DataType(i);
        }
    }

    public static final DataType V21 = KNOWN[0];
    public static final DataType V27_2400 = KNOWN[1];
    public static final DataType V27_4800 = KNOWN[2];
    public static final DataType V29_7200 = KNOWN[3];
    public static final DataType V29_9600 = KNOWN[4];
    public static final DataType V17_7200 = KNOWN[5];
    public static final DataType V17_9600 = KNOWN[6];
    public static final DataType V17_12000 = KNOWN[7];
    public static final DataType V17_14400 = KNOWN[8];
    public static final DataType V8 = KNOWN[9];
    public static final DataType V34_PRI_RATE = KNOWN[10];
    public static final DataType V34_CC_1200 = KNOWN[11];
    public static final DataType V34_PRI_CH = KNOWN[12];
    public static final DataType V33_12000 = KNOWN[13];
    public static final DataType V33_14400 = KNOWN[14];

    public DataType {
        if (code < 0) {
            throw new IllegalArgumentException("negative data type " + code);
        }
    }

    /** The shared constant for a known code, otherwise a new unknown data type. */
    public static DataType of(int code) {
        return code >= 0 && code < KNOWN.length ? KNOWN[code] : new DataType(code);
    }

    public boolean isKnown() {
        return code < NAMES.size();
    }

    public boolean isExtension() {
        return code >= ROOT_COUNT;
    }

    /** The ASN.1 identifier, e.g. {@code v17-14400}, or {@code unknown-N}. */
    public String name() {
        return isKnown() ? NAMES.get(code) : "unknown-" + code;
    }

    @Override
    public String toString() {
        return name();
    }
}
