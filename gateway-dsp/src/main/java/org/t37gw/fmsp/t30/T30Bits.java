package org.t37gw.fmsp.t30;

/**
 * DIS/DTC/DCS FIF bits numbered from 1 as in T.30 Table 2: bit 1 is the first bit on the line, the least
 * significant bit of the first FIF octet; bit 9 is the least significant bit of the second octet.
 * Fields spanning several bits (e.g. 11-14) read with the lowest-numbered bit as least significant.
 */
public final class T30Bits {
    public static final int READY_TO_TRANSMIT = 9;
    public static final int RECEIVE_FAX = 10;
    public static final int MODEM_FIRST = 11;
    public static final int FINE = 15;
    public static final int TWO_D_CODING = 16;
    public static final int WIDTH_FIRST = 17;
    public static final int LENGTH_FIRST = 19;
    public static final int SCAN_TIME_FIRST = 21;
    public static final int EXTEND_24 = 24;
    public static final int ECM = 27;
    public static final int ECM_64_OCTETS = 28;
    public static final int T6_CODING = 31;
    public static final int EXTEND_32 = 32;
    public static final int EXTEND_40 = 40;
    public static final int SUPERFINE = 41;
    public static final int R16_SUPERFINE = 43;
    public static final int HALF_SCAN_TIME_AT_SUPERFINE = 46;
    public static final int EXTEND_48 = 48;
    public static final int SUBADDRESSING = 49;
    public static final int PASSWORD = 50;
    public static final int EXTEND_56 = 56;

    private T30Bits() {
    }

    public static boolean get(byte[] fif, int bit) {
        int i = (bit - 1) / 8;
        return i < fif.length && (fif[i] & (1 << ((bit - 1) % 8))) != 0;
    }

    public static void set(byte[] fif, int bit, boolean value) {
        int i = (bit - 1) / 8;
        int mask = 1 << ((bit - 1) % 8);
        fif[i] = (byte) (value ? fif[i] | mask : fif[i] & ~mask);
    }

    /** Bits {@code first .. first+count-1}, {@code first} least significant. */
    public static int field(byte[] fif, int first, int count) {
        int v = 0;
        for (int k = 0; k < count; k++) {
            if (get(fif, first + k)) {
                v |= 1 << k;
            }
        }
        return v;
    }

    public static void setField(byte[] fif, int first, int count, int value) {
        for (int k = 0; k < count; k++) {
            set(fif, first + k, (value & (1 << k)) != 0);
        }
    }

    /**
     * The FIF octets a reader may use: octet n (n &ge; 3) counts only if the extension bit ending octet
     * n-1 (bits 24, 32, 40 ...) is set. Returns a copy cut at the first octet not announced.
     */
    public static byte[] announced(byte[] fif) {
        int len = Math.min(fif.length, 3);
        while (len < fif.length && get(fif, len * 8)) {
            len++;
        }
        return java.util.Arrays.copyOf(java.util.Arrays.copyOf(fif, len), Math.max(len, 8));
    }
}
