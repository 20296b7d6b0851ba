package org.t37gw.fmsp.t38;

import java.util.List;

/**
 * The {@code field-type} of one element of an IFP packet's {@code Data-Field} (T.38 clause 6.2.3). An open enum:
 * eight root values, the four extension additions of T.38 (2002) for V.34 ({@code cm-message}, {@code jm-message},
 * {@code ci-message}, {@code v34rate}), and unknown codes representable as {@code unknown-N}.
 *
 * <p>The 1998 ASN.1 (T.38 version 0) had no extension marker on this enumeration, so there a field type is three
 * bits and only the root values exist; the corrigendum (version 1 and later) added the marker, making it an
 * extension bit plus three bits. {@link IfpCodec} encodes either form by version.
 *
 * @param code the enumeration index; 0..7 are root values
 */
public record FieldType(int code) {

    /** Number of root values, which PER encodes in three bits. */
    public static final int ROOT_COUNT = 8;

    private static final List<String> NAMES = List.of(
            "hdlc-data", "hdlc-sig-end", "hdlc-fcs-OK", "hdlc-fcs-BAD", "hdlc-fcs-OK-sig-end",
            "hdlc-fcs-BAD-sig-end", "t4-non-ecm-data", "t4-non-ecm-sig-end",
            // extension additions, T.38 (2002) onwards
            "cm-message", "jm-message", "ci-message", "v34rate");

    private static final FieldType[] KNOWN = new FieldType[NAMES.size()];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            KNOWN[i] = new FieldType(i);
        }
    }

    public static final FieldType HDLC_DATA = KNOWN[0];
    public static final FieldType HDLC_SIG_END = KNOWN[1];
    public static final FieldType HDLC_FCS_OK = KNOWN[2];
    public static final FieldType HDLC_FCS_BAD = KNOWN[3];
    public static final FieldType HDLC_FCS_OK_SIG_END = KNOWN[4];
    public static final FieldType HDLC_FCS_BAD_SIG_END = KNOWN[5];
    public static final FieldType T4_NON_ECM_DATA = KNOWN[6];
    public static final FieldType T4_NON_ECM_SIG_END = KNOWN[7];
    public static final FieldType CM_MESSAGE = KNOWN[8];
    public static final FieldType JM_MESSAGE = KNOWN[9];
    public static final FieldType CI_MESSAGE = KNOWN[10];
    public static final FieldType V34RATE = KNOWN[11];

    public FieldType {
        if (code < 0) {
            throw new IllegalArgumentException("negative field type " + code);
        }
    }

    /** The shared constant for a known code, otherwise a new unknown field type. */
    public static FieldType of(int code) {
        return code >= 0 && code < KNOWN.length ? KNOWN[code] : new FieldType(code);
    }

    public boolean isKnown() {
        return code < NAMES.size();
    }

    public boolean isExtension() {
        return code >= ROOT_COUNT;
    }

    /** True for the types that end a signal ({@code *-sig-end}): the modem's carrier dropped after this field. */
    public boolean isSignalEnd() {
        return code == 1 || code == 4 || code == 5 || code == 7;
    }

    /** The ASN.1 identifier, e.g. {@code hdlc-fcs-OK-sig-end}, or {@code unknown-N}. */
    public String name() {
        return isKnown() ? NAMES.get(code) : "unknown-" + code;
    }

    @Override
    public String toString() {
        return name();
    }
}
