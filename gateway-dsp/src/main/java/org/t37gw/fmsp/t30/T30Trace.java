package org.t37gw.fmsp.t30;

import java.util.HexFormat;

/** Human-readable decoding of T.30 frames for the {@code Rx:} / {@code Tx:} log lines. */
public final class T30Trace {
    private T30Trace() {
    }

    /** E.g. {@code "DCS V.17 14400 fine MR A4/A4 ECM256"} or {@code "PPS-MPS page 0 block 1 frames 12"}. */
    public static String describe(HdlcFrame f) {
        Fcf fcf = f.fcf();
        byte[] fif = f.fif();
        String base = fcf.name() + (fcf.hasXBit() ? (f.xBit() ? "(x=1)" : "(x=0)") : "");
        try {
            if (fcf.equals(Fcf.DIS) || fcf.equals(Fcf.DTC)) {
                return base + " " + DisDcsCodec.describe(DisDcsCodec.decodeDis(fif));
            }
            if (fcf.equals(Fcf.DCS)) {
                return base + " " + DisDcsCodec.decodeDcs(fif).mode();
            }
            if (fcf.equals(Fcf.TSI) || fcf.equals(Fcf.CSI) || fcf.equals(Fcf.CIG) || fcf.equals(Fcf.SUB)
                    || fcf.equals(Fcf.SID) || fcf.equals(Fcf.PWD) || fcf.equals(Fcf.SEP)) {
                return base + " '" + Identity.decode(fif) + "'";
            }
            if (fcf.equals(Fcf.PPS) && fif.length >= 4) {
                return "PPS-" + fcf2Name(fif[0]) + base.substring(3) + " page " + (fif[1] & 0xFF) + " block "
                        + (fif[2] & 0xFF) + " frames " + ((fif[3] & 0xFF) + 1);
            }
            if (fcf.equals(Fcf.EOR) && fif.length >= 1) {
                return "EOR-" + fcf2Name(fif[0]) + base.substring(3);
            }
            if (fcf.equals(Fcf.PPR)) {
                int n = 0;
                for (byte b : fif) {
                    n += Integer.bitCount(b & 0xFF);
                }
                return base + " " + n + " frames";
            }
            if (fcf.equals(Fcf.CTC) && fif.length >= 2) {
                return base + " " + Modulation.fromDcsCode(((fif[1] & 0xFF) >> 2) & 0x0F);
            }
            if (fcf.equals(Fcf.FCD) && fif.length >= 1) {
                return "FCD #" + (fif[0] & 0xFF) + " " + (fif.length - 1) + " octets";
            }
        } catch (RuntimeException e) {
            return base + " (bad FIF: " + e.getMessage() + ") " + HexFormat.of().formatHex(fif);
        }
        return fif.length == 0 ? base : base + " " + HexFormat.of().formatHex(fif);
    }

    static String fcf2Name(byte octet) {
        return (octet & 0xFF) == Fcf.NULL_FCF2 ? "NULL" : Fcf.of(octet).name();
    }
}
