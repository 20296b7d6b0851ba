package org.t37gw.fmsp.t30;

/**
 * The HDLC frame check sequence of T.30 5.3.7 / ISO 3309: CRC-16 of ITU-T V.42 (x^16 + x^12 + x^5 + 1),
 * preset to all ones, sent ones' complemented, low octet first. For transports that carry raw HDLC
 * (audio modems, T.38 with {@code hdlc-fcs-OK}); the engine itself works on frames without FCS.
 */
public final class Fcs {
    /** The remainder a receiver gets over frame + FCS when the frame is intact. */
    public static final int GOOD_RESIDUE = 0xF0B8;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x8408 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Fcs() {
    }

    /** The raw register after running over {@code data[off, off+len)} from the all-ones preset. */
    public static int register(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** The FCS value (complemented register) of a whole frame. */
    public static int compute(byte[] frame) {
        return ~register(frame, 0, frame.length) & 0xFFFF;
    }

    /** The frame followed by its two FCS octets, low octet first. */
    public static byte[] append(byte[] frame) {
        int fcs = compute(frame);
        byte[] out = new byte[frame.length + 2];
        System.arraycopy(frame, 0, out, 0, frame.length);
        out[frame.length] = (byte) fcs;
        out[frame.length + 1] = (byte) (fcs >>> 8);
        return out;
    }

    /** Whether the last two octets of {@code frameWithFcs} are the right FCS of the octets before them. */
    public static boolean check(byte[] frameWithFcs) {
        return frameWithFcs.length >= 3 && register(frameWithFcs, 0, frameWithFcs.length) == GOOD_RESIDUE;
    }
}
