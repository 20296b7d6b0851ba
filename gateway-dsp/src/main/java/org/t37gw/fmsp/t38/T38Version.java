package org.t37gw.fmsp.t38;

/**
 * The T.38 version negotiated for a call ({@code T38FaxVersion} in SDP). It decides one detail of the IFP encoding:
 * version 0 follows the 1998 ASN.1, whose {@code field-type} enumeration has no extension marker; versions 1 to 3
 * follow the corrigendum that added it (one more bit per field header, and the V.34 field types become encodable).
 * The V.8/V.34/V.33 indicator and data-type extension additions are decoded in every version, since the 1998
 * enumerations were already extensible.
 */
public enum T38Version {
    V0, V1, V2, V3;

    public int number() {
        return ordinal();
    }

    /** True when {@code field-type} carries an extension bit (versions 1 and later). */
    public boolean fieldTypeExtensible() {
        return this != V0;
    }

    public static T38Version of(int number) {
        if (number < 0 || number > 3) {
            throw new IllegalArgumentException("T.38 version " + number + " is not 0..3");
        }
        return values()[number];
    }
}
