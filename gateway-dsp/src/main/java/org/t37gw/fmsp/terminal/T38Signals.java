package org.t37gw.fmsp.terminal;

import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t38.DataType;
import org.t37gw.fmsp.t38.T30Indicator;

/**
 * How T.30 modulations appear in T.38 (clause 6.1 and 6.2): the data type of their IFP data packets, the
 * training indicator that announces their carrier, the time that training lasts, and the bit order of data
 * octets.
 */
public final class T38Signals {
    /** T.38 data octets carry the first bit on the line in the most significant bit; we keep it in the least. */
    private static final byte[] REVERSE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            REVERSE[i] = (byte) (Integer.reverse(i) >>> 24);
        }
    }

    private T38Signals() {
    }

    /** The IFP data type of a modulation. */
    public static DataType dataType(Modulation m) {
        return switch (m) {
            case V21 -> DataType.V21;
            case V27TER_2400 -> DataType.V27_2400;
            case V27TER_4800 -> DataType.V27_4800;
            case V29_7200 -> DataType.V29_7200;
            case V29_9600 -> DataType.V29_9600;
            case V17_7200 -> DataType.V17_7200;
            case V17_9600 -> DataType.V17_9600;
            case V17_12000 -> DataType.V17_12000;
            case V17_14400 -> DataType.V17_14400;
        };
    }

    /** The modulation of a data type, or null for V.8, V.34, V.33 and unknown types. */
    public static Modulation modulation(DataType t) {
        for (Modulation m : Modulation.values()) {
            if (dataType(m).equals(t)) {
                return m;
            }
        }
        return null;
    }

    /** The indicator announcing a carrier: v21-preamble, or the (long) training of a high-speed modem. */
    public static T30Indicator indicator(Modulation m) {
        return switch (m) {
            case V21 -> T30Indicator.V21_PREAMBLE;
            case V27TER_2400 -> T30Indicator.V27_2400_TRAINING;
            case V27TER_4800 -> T30Indicator.V27_4800_TRAINING;
            case V29_7200 -> T30Indicator.V29_7200_TRAINING;
            case V29_9600 -> T30Indicator.V29_9600_TRAINING;
            case V17_7200 -> T30Indicator.V17_7200_LONG_TRAINING;
            case V17_9600 -> T30Indicator.V17_9600_LONG_TRAINING;
            case V17_12000 -> T30Indicator.V17_12000_LONG_TRAINING;
            case V17_14400 -> T30Indicator.V17_14400_LONG_TRAINING;
        };
    }

    /** The high-speed modulation a training indicator announces (short or long training), or null. */
    public static Modulation trainedModulation(T30Indicator i) {
        if (!i.isKnown()) {
            return null;
        }
        int c = i.code();
        if (c == T30Indicator.V27_2400_TRAINING.code()) {
            return Modulation.V27TER_2400;
        } else if (c == T30Indicator.V27_4800_TRAINING.code()) {
            return Modulation.V27TER_4800;
        } else if (c == T30Indicator.V29_7200_TRAINING.code()) {
            return Modulation.V29_7200;
        } else if (c == T30Indicator.V29_9600_TRAINING.code()) {
            return Modulation.V29_9600;
        } else if (c == T30Indicator.V17_7200_SHORT_TRAINING.code() || c == T30Indicator.V17_7200_LONG_TRAINING.code()) {
            return Modulation.V17_7200;
        } else if (c == T30Indicator.V17_9600_SHORT_TRAINING.code() || c == T30Indicator.V17_9600_LONG_TRAINING.code()) {
            return Modulation.V17_9600;
        } else if (c == T30Indicator.V17_12000_SHORT_TRAINING.code()
                || c == T30Indicator.V17_12000_LONG_TRAINING.code()) {
            return Modulation.V17_12000;
        } else if (c == T30Indicator.V17_14400_SHORT_TRAINING.code()
                || c == T30Indicator.V17_14400_LONG_TRAINING.code()) {
            return Modulation.V17_14400;
        }
        return null;
    }

    /**
     * How long the carrier's preamble lasts before data: 1 s of flags for V.21 (T.30 5.3.1), and the
     * training sequences of V.27ter (4.3 of V.27ter), V.29 and V.17 long training, rounded to whole ms.
     */
    public static int trainingMillis(Modulation m) {
        return switch (m) {
            case V21 -> 1000;
            case V27TER_2400 -> 943;
            case V27TER_4800 -> 708;
            case V29_7200, V29_9600 -> 253;
            case V17_7200, V17_9600, V17_12000, V17_14400 -> 1393;
        };
    }

    /** Octets of data one 20 ms packet carries at the modulation's bit rate (at least one). */
    public static int octetsPer20Ms(Modulation m) {
        return Math.max(1, m.bitRate() / 400);
    }

    /** Milliseconds the given number of octets takes at the modulation's bit rate. */
    public static double millisFor(int octets, Modulation m) {
        return octets * 8000.0 / m.bitRate();
    }

    /** Reverses the bits of every octet, in a copy: T.38 order to ours and back. */
    public static byte[] reverseBits(byte[] b, int off, int len) {
        byte[] r = new byte[len];
        for (int i = 0; i < len; i++) {
            r[i] = REVERSE[b[off + i] & 0xFF];
        }
        return r;
    }

    public static byte[] reverseBits(byte[] b) {
        return reverseBits(b, 0, b.length);
    }
}
