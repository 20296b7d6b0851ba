package org.t37gw.fmsp.t30;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The modulations of T.30: V.21 channel 2 for control (clause 5.1) and the high-speed modems of the
 * message channel, with the DCS bits 11 to 14 code of T.30 Table 2 (bit 11 in the least significant bit).
 */
public enum Modulation {
    V21(Family.V21, 300, -1),
    V27TER_2400(Family.V27TER, 2400, 0b0000),
    V27TER_4800(Family.V27TER, 4800, 0b0010),
    V29_7200(Family.V29, 7200, 0b0011),
    V29_9600(Family.V29, 9600, 0b0001),
    V17_7200(Family.V17, 7200, 0b1011),
    V17_9600(Family.V17, 9600, 0b1001),
    V17_12000(Family.V17, 12000, 0b1010),
    V17_14400(Family.V17, 14400, 0b1000);

    /** A modem recommendation. */
    public enum Family { V21, V27TER, V29, V17 }

    private final Family family;
    private final int bitRate;
    private final int dcsCode;

    Modulation(Family family, int bitRate, int dcsCode) {
        this.family = family;
        this.bitRate = bitRate;
        this.dcsCode = dcsCode;
    }

    public Family family() {
        return family;
    }

    public int bitRate() {
        return bitRate;
    }

    /** DCS bits 11..14 as a 4-bit number, bit 11 lowest; -1 for V.21. */
    public int dcsCode() {
        return dcsCode;
    }

    public boolean isHighSpeed() {
        return family != Family.V21;
    }

    /** The high-speed modulation for a DCS bits 11..14 code, or null if the code is reserved. */
    public static Modulation fromDcsCode(int code) {
        for (Modulation m : values()) {
            if (m.dcsCode == code && m.isHighSpeed()) {
                return m;
            }
        }
        return null;
    }

    /**
     * The fallback chain 14400, 12000, 9600, 7200, 4800, 2400 bit/s over the families both ends have
     * (V.17 preferred over V.29 at 9600 and 7200), fastest first. V.27ter is always present.
     */
    public static List<Modulation> fallbackChain(Set<Family> common) {
        boolean v17 = common.contains(Family.V17);
        boolean v29 = common.contains(Family.V29);
        List<Modulation> chain = new ArrayList<>();
        if (v17) {
            chain.add(V17_14400);
            chain.add(V17_12000);
        }
        if (v17) {
            chain.add(V17_9600);
            chain.add(V17_7200);
        } else if (v29) {
            chain.add(V29_9600);
            chain.add(V29_7200);
        }
        chain.add(V27TER_4800);
        chain.add(V27TER_2400);
        return chain;
    }

    @Override
    public String toString() {
        return switch (family) {
            case V21 -> "V.21 300";
            case V27TER -> "V.27ter " + bitRate;
            case V29 -> "V.29 " + bitRate;
            case V17 -> "V.17 " + bitRate;
        };
    }
}
