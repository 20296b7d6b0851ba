package org.t37gw.fmsp.t30;

import java.util.Arrays;

/** A growable byte array with a hard limit; package-private, the engine's page buffer. */
final class ByteSink {
    private final int limit;
    private byte[] buf = new byte[4096];
    private int size;
    private boolean truncated;

    ByteSink(int limit) {
        this.limit = limit;
    }

    void append(byte[] b) {
        int n = Math.min(b.length, limit - size);
        if (n < b.length) {
            truncated = true;
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
        System.arraycopy(b, 0, buf, size, n);
        size += n;
    }

    int size() {
        return size;
    }

    boolean truncated() {
        return truncated;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void clear() {
        size = 0;
        truncated = false;
    }
}
