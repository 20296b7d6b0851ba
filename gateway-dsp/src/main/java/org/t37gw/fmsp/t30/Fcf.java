package org.t37gw.fmsp.t30;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A T.30 facsimile control field (FCF), clause 5.3.6.1 of ITU-T T.30: an open enum.
 *
 * <p>Values are the octet as it is received (first bit on the line in the least significant bit), so
 * the X bit (T.30 5.3.6.1, "set to 1 by the station which receives a valid DIS") is bit {@code 0x01}.
 * The first frames of phase B (DIS, CSI, NSF and their polling counterparts DTC, CIG, NSC, PWD, SEP, PSA,
 * CIA, ISP) and the ECM frames FCD and RCP have no X bit: their first bit is part of the code. For all
 * other frames {@link #value()} is given with the X bit clear; {@link #octet(boolean)} adds it.
 *
 * <p>An unknown octet is representable ({@link #of(int)} never fails): it is named {@code FCF_0xNN}
 * and {@link #isKnown()} is false, so it can be logged and ignored rather than crash a call.
 */
public final class Fcf {
    private static final Map<Integer, Fcf> FIXED = new LinkedHashMap<>();
    private static final Map<Integer, Fcf> WITH_X = new LinkedHashMap<>();

    // Phase B identification, answering station (no X bit)
    /** Digital identification signal [0000 0001]. */
    public static final Fcf DIS = fixed("DIS", 0x80);
    /** Called subscriber identification [0000 0010]. */
    public static final Fcf CSI = fixed("CSI", 0x40);
    /** Non-standard facilities [0000 0100]. */
    public static final Fcf NSF = fixed("NSF", 0x20);
    // Phase B identification, polling (calling) station (no X bit)
    /** Digital transmit command [1000 0001]. */
    public static final Fcf DTC = fixed("DTC", 0x81);
    /** Calling subscriber identification [1000 0010]. */
    public static final Fcf CIG = fixed("CIG", 0x41);
    /** Non-standard facilities command [1000 0100]. */
    public static final Fcf NSC = fixed("NSC", 0x21);
    /** Password, for polling [1000 0011]. */
    public static final Fcf PWD = fixed("PWD", 0xC1);
    /** Selective polling [1000 0101]. */
    public static final Fcf SEP = fixed("SEP", 0xA1);
    /** Polled subaddress [1000 0110]. */
    public static final Fcf PSA = fixed("PSA", 0x61);
    /** Calling subscriber internet address [1000 0111]. */
    public static final Fcf CIA = fixed("CIA", 0xE1);
    /** Internet selective polling address [1000 1000]. */
    public static final Fcf ISP = fixed("ISP", 0x11);
    // ECM high-speed frames (T.4 Annex A), no X bit
    /** Facsimile coded data [0110 0000], ECM. */
    public static final Fcf FCD = fixed("FCD", 0x06);
    /** Return to control for partial page [0110 0001], ECM. */
    public static final Fcf RCP = fixed("RCP", 0x86);

    // Commands to send [X100 ....]
    /** Digital command signal [X100 0001]. */
    public static final Fcf DCS = withX("DCS", 0x82);
    /** Transmitting subscriber identification [X100 0010]. */
    public static final Fcf TSI = withX("TSI", 0x42);
    /** Non-standard facilities set-up [X100 0100]. */
    public static final Fcf NSS = withX("NSS", 0x22);
    /** Subaddress [X100 0011]. */
    public static final Fcf SUB = withX("SUB", 0xC2);
    /** Sender identification, the password for transmission [X100 0101]. */
    public static final Fcf SID = withX("SID", 0xA2);
    /** Continue to correct [X100 1000], ECM. */
    public static final Fcf CTC = withX("CTC", 0x12);
    /** Transmitting subscriber internet address [X100 0110]. */
    public static final Fcf TSA = withX("TSA", 0x62);
    /** Internet routing address [X100 0111]. */
    public static final Fcf IRA = withX("IRA", 0xE2);
    // Pre-message responses [X010 ....]
    /** Confirmation to receive [X010 0001]. */
    public static final Fcf CFR = withX("CFR", 0x84);
    /** Failure to train [X010 0010]. */
    public static final Fcf FTT = withX("FTT", 0x44);
    /** Response for continue to correct [X010 0011], ECM. */
    public static final Fcf CTR = withX("CTR", 0xC4);
    /** Called subscriber internet address [X010 0100]. */
    public static final Fcf CSA = withX("CSA", 0x24);
    // Post-message commands [X111 ....]
    /** End of message [X111 0001]. */
    public static final Fcf EOM = withX("EOM", 0x8E);
    /** Multipage signal [X111 0010]. */
    public static final Fcf MPS = withX("MPS", 0x4E);
    /** End of procedure [X111 0100]. */
    public static final Fcf EOP = withX("EOP", 0x2E);
    /** End of selection [X111 1000]. */
    public static final Fcf EOS = withX("EOS", 0x1E);
    /** Procedure interrupt, end of message [X111 1001]. */
    public static final Fcf PRI_EOM = withX("PRI-EOM", 0x9E);
    /** Procedure interrupt, multipage signal [X111 1010]. */
    public static final Fcf PRI_MPS = withX("PRI-MPS", 0x5E);
    /** Procedure interrupt, end of procedure [X111 1100]. */
    public static final Fcf PRI_EOP = withX("PRI-EOP", 0x3E);
    /** Partial page signal [X111 1101], ECM. */
    public static final Fcf PPS = withX("PPS", 0xBE);
    /** End of retransmission [X111 0011], ECM. */
    public static final Fcf EOR = withX("EOR", 0xCE);
    /** Receive ready [X111 0110], ECM. */
    public static final Fcf RR = withX("RR", 0x6E);
    // Post-message responses [X011 ....]
    /** Message confirmation [X011 0001]. */
    public static final Fcf MCF = withX("MCF", 0x8C);
    /** Retrain positive [X011 0011]. */
    public static final Fcf RTP = withX("RTP", 0xCC);
    /** Retrain negative [X011 0010]. */
    public static final Fcf RTN = withX("RTN", 0x4C);
    /** Procedure interrupt positive [X011 0101]. */
    public static final Fcf PIP = withX("PIP", 0xAC);
    /** Procedure interrupt negative [X011 0100]. */
    public static final Fcf PIN = withX("PIN", 0x2C);
    /** Partial page request [X011 1101], ECM. */
    public static final Fcf PPR = withX("PPR", 0xBC);
    /** Receive not ready [X011 0111], ECM. */
    public static final Fcf RNR = withX("RNR", 0xEC);
    /** Response for end of retransmission [X011 1000], ECM. */
    public static final Fcf ERR = withX("ERR", 0x1C);
    /** File diagnostics message [X011 1111]. */
    public static final Fcf FDM = withX("FDM", 0xFC);
    /** Procedure interrupt disconnect [X011 0110]. */
    public static final Fcf PID = withX("PID", 0x6C);
    // Line control [X101 ....]
    /** Disconnect [X101 1111]. */
    public static final Fcf DCN = withX("DCN", 0xFA);
    /** Command repeat [X101 1000]. */
    public static final Fcf CRP = withX("CRP", 0x1A);
    /** Field not valid [X101 0011]. */
    public static final Fcf FNV = withX("FNV", 0xCA);
    /** Transmit not ready [X101 0111]. */
    public static final Fcf TNR = withX("TNR", 0xEA);
    /** Transmit ready [X101 0110]. */
    public static final Fcf TR = withX("TR", 0x6A);

    /** The "no command" second FCF of PPS-NULL and EOR-NULL (T.30 Annex A). */
    public static final int NULL_FCF2 = 0x00;

    private final String name;
    private final int value;
    private final boolean hasXBit;
    private final boolean known;

    private Fcf(String name, int value, boolean hasXBit, boolean known) {
        this.name = name;
        this.value = value;
        this.hasXBit = hasXBit;
        this.known = known;
    }

    private static Fcf fixed(String name, int value) {
        Fcf f = new Fcf(name, value, false, true);
        FIXED.put(value, f);
        return f;
    }

    private static Fcf withX(String name, int value) {
        Fcf f = new Fcf(name, value, true, true);
        WITH_X.put(value, f);
        return f;
    }

    /**
     * The FCF for an octet as received. Never fails: an unknown octet gives an unknown FCF.
     *
     * @param octet the FCF octet, X bit included
     */
    public static Fcf of(int octet) {
        int o = octet & 0xFF;
        Fcf f = FIXED.get(o);
        if (f != null) {
            return f;
        }
        f = WITH_X.get(o & 0xFE);
        if (f != null) {
            return f;
        }
        return new Fcf(String.format("FCF_0x%02X", o), o, false, false);
    }

    /** Whether the octet carries the X bit set (meaningless for FCFs without an X bit). */
    public static boolean xBitOf(int octet) {
        return (octet & 0x01) != 0;
    }

    /** All known FCFs, for documentation and tests. */
    public static Map<String, Fcf> known() {
        Map<String, Fcf> all = new LinkedHashMap<>();
        FIXED.values().forEach(f -> all.put(f.name, f));
        WITH_X.values().forEach(f -> all.put(f.name, f));
        return Collections.unmodifiableMap(all);
    }

    /** A known FCF by its T.30 mnemonic (e.g. {@code "DCS"}, {@code "PRI-EOP"}), or null. */
    public static Fcf byName(String name) {
        return known().get(name);
    }

    /** The octet to send: {@link #value()} with the X bit added if this FCF has one. */
    public int octet(boolean xBit) {
        return hasXBit && xBit ? value | 0x01 : value;
    }

    public String name() {
        return name;
    }

    /** The octet value, X bit clear. */
    public int value() {
        return value;
    }

    public boolean hasXBit() {
        return hasXBit;
    }

    public boolean isKnown() {
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fcf f && f.value == value && f.known == known && f.hasXBit == hasXBit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, known, hasXBit);
    }

    @Override
    public String toString() {
        return name;
    }
}
