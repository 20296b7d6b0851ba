package org.t37gw.fmsp.t30;

import java.util.EnumSet;
import java.util.StringJoiner;

/**
 * Encodes and decodes the FIF of DIS/DTC and DCS, T.30 Table 2, bits numbered from 1 ({@link T30Bits}).
 * We send seven octets (bits 1-56), with the extension bits 24, 32, 40 and 48 set; we read as many as
 * the far end announces, missing bits read as 0.
 */
public final class DisDcsCodec {
    private static final int FIF_OCTETS = 7;

    /** DIS/DTC minimum scan line time codes (bits 21-23, bit 21 lowest) as {ms at 3.85, T7.7 = 1/2 T3.85}. */
    private static final int[][] DIS_SCAN = {
        {20, 0}, {5, 0}, {10, 0}, {20, 1}, {40, 0}, {40, 1}, {10, 1}, {0, 0},
    };

    private DisDcsCodec() {
    }

    /** The DIS (or DTC) FIF for these capabilities. */
    public static byte[] encodeDis(T30Capabilities c) {
        byte[] f = new byte[FIF_OCTETS];
        T30Bits.set(f, T30Bits.READY_TO_TRANSMIT, c.readyToTransmit());
        T30Bits.set(f, T30Bits.RECEIVE_FAX, c.canReceive());
        int modem;
        if (c.modems().contains(Modulation.Family.V17)) {
            modem = 0b1011;
        } else if (c.modems().contains(Modulation.Family.V29)) {
            modem = 0b0011;
        } else {
            modem = 0b0010;
        }
        T30Bits.setField(f, T30Bits.MODEM_FIRST, 4, modem);
        T30Bits.set(f, T30Bits.FINE, c.resolutions().contains(Resolution.FINE));
        T30Bits.set(f, T30Bits.TWO_D_CODING, c.codings().contains(Coding.MR));
        T30Bits.setField(f, T30Bits.WIDTH_FIRST, 2, switch (c.maxWidth()) {
            case A4 -> 0;
            case B4 -> 1;
            case A3 -> 2;
        });
        T30Bits.setField(f, T30Bits.LENGTH_FIRST, 2, switch (c.maxLength()) {
            case A4 -> 0;
            case B4 -> 1;
            case UNLIMITED -> 2;
        });
        T30Bits.setField(f, T30Bits.SCAN_TIME_FIRST, 3, disScanCode(c.minScanLineMs(), c.halfScanTimeAtFine()));
        T30Bits.set(f, T30Bits.EXTEND_24, true);
        T30Bits.set(f, T30Bits.ECM, c.ecm());
        T30Bits.set(f, T30Bits.T6_CODING, c.ecm() && c.codings().contains(Coding.MMR));
        T30Bits.set(f, T30Bits.EXTEND_32, true);
        T30Bits.set(f, T30Bits.EXTEND_40, true);
        T30Bits.set(f, T30Bits.SUPERFINE, c.resolutions().contains(Resolution.SUPERFINE));
        T30Bits.set(f, T30Bits.R16_SUPERFINE, c.resolutions().contains(Resolution.R16_SUPERFINE));
        T30Bits.set(f, T30Bits.HALF_SCAN_TIME_AT_SUPERFINE, c.halfScanTimeAtSuperfine());
        T30Bits.set(f, T30Bits.EXTEND_48, true);
        T30Bits.set(f, T30Bits.SUBADDRESSING, c.subaddressing());
        T30Bits.set(f, T30Bits.PASSWORD, c.password());
        return f;
    }

    private static int disScanCode(int ms, boolean half) {
        if (ms == 0) {
            return 7;
        }
        for (int code = 0; code < DIS_SCAN.length; code++) {
            if (DIS_SCAN[code][0] == ms && (DIS_SCAN[code][1] == 1) == half) {
                return code;
            }
        }
        for (int code = 0; code < DIS_SCAN.length; code++) {
            if (DIS_SCAN[code][0] == ms) {
                return code;
            }
        }
        throw new IllegalArgumentException("no DIS code for " + ms + " ms");
    }

    /** Decodes a DIS or DTC FIF. */
    public static T30Capabilities decodeDis(byte[] fif) {
        byte[] f = T30Bits.announced(fif);
        EnumSet<Modulation.Family> modems = EnumSet.of(Modulation.Family.V27TER);
        int modem = T30Bits.field(f, T30Bits.MODEM_FIRST, 4);
        if ((modem & 0b0001) != 0) {
            modems.add(Modulation.Family.V29);
        }
        if (modem == 0b1011) {
            modems.add(Modulation.Family.V17);
        }
        EnumSet<Resolution> res = EnumSet.of(Resolution.STANDARD);
        if (T30Bits.get(f, T30Bits.FINE)) {
            res.add(Resolution.FINE);
        }
        if (T30Bits.get(f, T30Bits.SUPERFINE)) {
            res.add(Resolution.SUPERFINE);
        }
        if (T30Bits.get(f, T30Bits.R16_SUPERFINE)) {
            res.add(Resolution.R16_SUPERFINE);
        }
        boolean ecm = T30Bits.get(f, T30Bits.ECM);
        EnumSet<Coding> codings = EnumSet.of(Coding.MH);
        if (T30Bits.get(f, T30Bits.TWO_D_CODING)) {
            codings.add(Coding.MR);
        }
        if (ecm && T30Bits.get(f, T30Bits.T6_CODING)) {
            codings.add(Coding.MMR);
        }
        PageWidth width = switch (T30Bits.field(f, T30Bits.WIDTH_FIRST, 2)) {
            case 1 -> PageWidth.B4;
            case 2 -> PageWidth.A3;
            default -> PageWidth.A4; // 3 is invalid: be conservative
        };
        PageLength length = switch (T30Bits.field(f, T30Bits.LENGTH_FIRST, 2)) {
            case 1 -> PageLength.B4;
            case 2 -> PageLength.UNLIMITED;
            default -> PageLength.A4;
        };
        int[] scan = DIS_SCAN[T30Bits.field(f, T30Bits.SCAN_TIME_FIRST, 3)];
        return new T30Capabilities(modems, res, codings, ecm, width, length, scan[0], scan[1] == 1,
                T30Bits.get(f, T30Bits.HALF_SCAN_TIME_AT_SUPERFINE), T30Bits.get(f, T30Bits.SUBADDRESSING),
                T30Bits.get(f, T30Bits.PASSWORD), T30Bits.get(f, T30Bits.RECEIVE_FAX),
                T30Bits.get(f, T30Bits.READY_TO_TRANSMIT));
    }

    /** A decoded DCS: the page mode and the two Table 2 flags announcing a SUB and a SID frame. */
    public record Dcs(PageMode mode, boolean subaddressSent, boolean senderIdSent, boolean receiveFax) {
    }

    /** The DCS FIF for a mode. */
    public static byte[] encodeDcs(PageMode m, boolean subSent, boolean sidSent) {
        byte[] f = new byte[FIF_OCTETS];
        T30Bits.set(f, T30Bits.RECEIVE_FAX, true);
        T30Bits.setField(f, T30Bits.MODEM_FIRST, 4, m.modulation().dcsCode());
        T30Bits.set(f, T30Bits.FINE, m.resolution() == Resolution.FINE);
        T30Bits.set(f, T30Bits.TWO_D_CODING, m.coding() == Coding.MR);
        T30Bits.setField(f, T30Bits.WIDTH_FIRST, 2, m.width().ordinal());
        T30Bits.setField(f, T30Bits.LENGTH_FIRST, 2, m.length().ordinal());
        T30Bits.setField(f, T30Bits.SCAN_TIME_FIRST, 3, dcsScanCode(m.ecm() ? 0 : m.minScanLineMs()));
        T30Bits.set(f, T30Bits.EXTEND_24, true);
        T30Bits.set(f, T30Bits.ECM, m.ecm());
        T30Bits.set(f, T30Bits.ECM_64_OCTETS, m.ecm() && m.ecmFrameSize() == 64);
        T30Bits.set(f, T30Bits.T6_CODING, m.coding() == Coding.MMR);
        T30Bits.set(f, T30Bits.EXTEND_32, true);
        T30Bits.set(f, T30Bits.EXTEND_40, true);
        T30Bits.set(f, T30Bits.SUPERFINE, m.resolution() == Resolution.SUPERFINE);
        T30Bits.set(f, T30Bits.R16_SUPERFINE, m.resolution() == Resolution.R16_SUPERFINE);
        T30Bits.set(f, T30Bits.EXTEND_48, true);
        T30Bits.set(f, T30Bits.SUBADDRESSING, subSent);
        T30Bits.set(f, T30Bits.PASSWORD, sidSent);
        return f;
    }

    /** DCS scan line time code for ms in {0, 5, 10, 20, 40}. */
    public static int dcsScanCode(int ms) {
        return switch (ms) {
            case 0 -> 7;
            case 5 -> 1;
            case 10 -> 2;
            case 20 -> 0;
            case 40 -> 4;
            default -> throw new IllegalArgumentException("no DCS code for " + ms + " ms");
        };
    }

    /** The smallest scan line time DCS can say that is at least {@code ms}. */
    public static int roundUpScanTime(double ms) {
        for (int v : new int[] {0, 5, 10, 20, 40}) {
            if (v >= ms) {
                return v;
            }
        }
        return 40;
    }

    /**
     * Decodes a DCS FIF.
     *
     * @throws IllegalArgumentException if it selects a reserved rate, width, length or scan time code
     */
    public static Dcs decodeDcs(byte[] fif) {
        byte[] f = T30Bits.announced(fif);
        Modulation mod = Modulation.fromDcsCode(T30Bits.field(f, T30Bits.MODEM_FIRST, 4));
        if (mod == null) {
            throw new IllegalArgumentException("DCS selects a reserved data signalling rate");
        }
        Resolution res = Resolution.STANDARD;
        if (T30Bits.get(f, T30Bits.R16_SUPERFINE)) {
            res = Resolution.R16_SUPERFINE;
        } else if (T30Bits.get(f, T30Bits.SUPERFINE)) {
            res = Resolution.SUPERFINE;
        } else if (T30Bits.get(f, T30Bits.FINE)) {
            res = Resolution.FINE;
        }
        boolean ecm = T30Bits.get(f, T30Bits.ECM);
        Coding coding = Coding.MH;
        if (ecm && T30Bits.get(f, T30Bits.T6_CODING)) {
            coding = Coding.MMR;
        } else if (T30Bits.get(f, T30Bits.TWO_D_CODING)) {
            coding = Coding.MR;
        }
        int w = T30Bits.field(f, T30Bits.WIDTH_FIRST, 2);
        int l = T30Bits.field(f, T30Bits.LENGTH_FIRST, 2);
        if (w == 3 || l == 3) {
            throw new IllegalArgumentException("DCS selects an invalid recording width or length");
        }
        int scan = switch (T30Bits.field(f, T30Bits.SCAN_TIME_FIRST, 3)) {
            case 0 -> 20;
            case 1 -> 5;
            case 2 -> 10;
            case 4 -> 40;
            case 7 -> 0;
            default -> throw new IllegalArgumentException("DCS selects a reserved minimum scan line time");
        };
        PageMode mode = new PageMode(mod, res, PageWidth.values()[w], PageLength.values()[l], coding, ecm,
                T30Bits.get(f, T30Bits.ECM_64_OCTETS) ? 64 : 256, ecm ? 0 : scan);
        return new Dcs(mode, T30Bits.get(f, T30Bits.SUBADDRESSING), T30Bits.get(f, T30Bits.PASSWORD),
                T30Bits.get(f, T30Bits.RECEIVE_FAX));
    }

    /** A one-line description of DIS capabilities, for logs. */
    public static String describe(T30Capabilities c) {
        StringJoiner j = new StringJoiner(" ");
        j.add(c.modems().toString()).add(c.resolutions().toString()).add(c.codings().toString());
        j.add(c.ecm() ? "ECM" : "no-ECM").add(c.maxWidth() + "/" + c.maxLength()).add("scan " + c.minScanLineMs() + "ms");
        if (!c.canReceive()) {
            j.add("cannot-receive");
        }
        if (c.subaddressing()) {
            j.add("SUB");
        }
        if (c.password()) {
            j.add("PWD");
        }
        return j.toString();
    }
}
