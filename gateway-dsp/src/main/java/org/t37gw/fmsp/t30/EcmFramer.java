package org.t37gw.fmsp.t30;

import java.util.Arrays;

/**
 * Cuts one page's coded data into ECM frames of 64 or 256 octets and partial pages (blocks) of at most
 * 256 frames (T.4 Annex A, T.30 Annex A). The last frame of the page may be shorter; a page of no data
 * still has one (empty) frame.
 */
public final class EcmFramer {
    /** Frames per partial page at most. */
    public static final int MAX_FRAMES_PER_BLOCK = 256;

    private final byte[] data;
    private final int frameSize;
    private final int totalFrames;

    public EcmFramer(byte[] data, int frameSize) {
        if (frameSize != 64 && frameSize != 256) {
            throw new IllegalArgumentException("frame size must be 64 or 256");
        }
        this.data = data.clone();
        this.frameSize = frameSize;
        this.totalFrames = Math.max(1, (data.length + frameSize - 1) / frameSize);
    }

    public int blockCount() {
        return (totalFrames + MAX_FRAMES_PER_BLOCK - 1) / MAX_FRAMES_PER_BLOCK;
    }

    public int framesInBlock(int block) {
        return Math.min(MAX_FRAMES_PER_BLOCK, totalFrames - block * MAX_FRAMES_PER_BLOCK);
    }

    /** The data of frame {@code frame} (0..255) of {@code block}. */
    public byte[] frame(int block, int frame) {
        int start = (block * MAX_FRAMES_PER_BLOCK + frame) * frameSize;
        int end = Math.min(data.length, start + frameSize);
        return start >= end ? new byte[0] : Arrays.copyOfRange(data, start, end);
    }

    /** The FCD frame to send: FIF = frame number, then data. */
    public HdlcFrame fcd(int block, int frame) {
        byte[] d = frame(block, frame);
        byte[] fif = new byte[d.length + 1];
        fif[0] = (byte) frame;
        System.arraycopy(d, 0, fif, 1, d.length);
        return HdlcFrame.of(Fcf.FCD, false, false, fif);
    }
}
