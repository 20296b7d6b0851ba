package org.t37gw.fmsp.t30;

/**
 * The receiver's store of one ECM partial page: frames by number, the PPR bitmap of the missing ones
 * (T.30 Annex A: 256 bits in 32 octets, frame {@code n} is bit {@code n % 8} of octet {@code n / 8},
 * 1 = send again), and the data in frame order once complete.
 */
public final class EcmBlockBuffer {
    /** The PPR FIF length. */
    public static final int PPR_OCTETS = 32;

    private final byte[][] frames = new byte[EcmFramer.MAX_FRAMES_PER_BLOCK][];
    private final int frameSize;

    public EcmBlockBuffer(int frameSize) {
        this.frameSize = frameSize;
    }

    public int frameSize() {
        return frameSize;
    }

    /** Stores a frame; false (and ignored) if its number or length is impossible. */
    public boolean put(int frameNumber, byte[] data) {
        if (frameNumber < 0 || frameNumber >= frames.length || data.length > frameSize) {
            return false;
        }
        frames[frameNumber] = data.clone();
        return true;
    }

    public boolean has(int frameNumber) {
        return frames[frameNumber] != null;
    }

    /** Frames among the first {@code count} not received. */
    public int missing(int count) {
        int m = 0;
        for (int i = 0; i < count; i++) {
            if (frames[i] == null) {
                m++;
            }
        }
        return m;
    }

    /** The PPR FIF asking for the missing ones among the first {@code count}. */
    public byte[] pprBitmap(int count) {
        byte[] map = new byte[PPR_OCTETS];
        for (int i = 0; i < count; i++) {
            if (frames[i] == null) {
                map[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return map;
    }

    /** Which of the first {@code count} frames a PPR FIF asks for. */
    public static boolean[] requested(byte[] pprFif, int count) {
        boolean[] r = new boolean[count];
        for (int i = 0; i < count; i++) {
            r[i] = i / 8 < pprFif.length && (pprFif[i / 8] & (1 << (i % 8))) != 0;
        }
        return r;
    }

    /** The data of the first {@code count} frames in order; missing frames are left out. */
    public byte[] assemble(int count) {
        ByteSink s = new ByteSink(Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            if (frames[i] != null) {
                s.append(frames[i]);
            }
        }
        return s.toByteArray();
    }

    public void clear() {
        java.util.Arrays.fill(frames, null);
    }
}
