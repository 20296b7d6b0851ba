package org.t37gw.fmsp.t38;

import java.util.Arrays;

/** Writes ASN.1 PER (aligned variant, X.691) bit by bit into a growing buffer; padding bits are zero. */
final class PerWriter {

    private byte[] buf;
    private long bitPos;

    PerWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(long bits) {
        long need = (bitPos + bits + 7) / 8;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(need, buf.length * 2L));
        }
    }

    void writeBit(boolean bit) {
        ensure(1);
        if (bit) {
            buf[(int) (bitPos >>> 3)] |= (byte) (0x80 >>> (int) (bitPos & 7));
        }
        bitPos++;
    }

    void writeBits(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            writeBit(((value >>> i) & 1) != 0);
        }
    }

    void align() {
        bitPos = (bitPos + 7) & ~7L;
    }

    void writeOctet(int v) {
        align();
        ensure(8);
        buf[(int) (bitPos >>> 3)] = (byte) v;
        bitPos += 8;
    }

    void writeOctets(byte[] b, int off, int len) {
        align();
        ensure((long) len * 8);
        System.arraycopy(b, off, buf, (int) (bitPos >>> 3), len);
        bitPos += (long) len * 8;
    }

    /** Unconstrained length determinant, below 16384 (X.691 10.9). */
    void writeLengthDeterminant(int n) {
        if (n < 0 || n >= 16384) {
            throw new IllegalArgumentException("length " + n + " needs a fragmented length determinant");
        }
        if (n < 128) {
            writeOctet(n);
        } else {
            writeOctet(0x80 | (n >> 8));
            writeOctet(n & 0xFF);
        }
    }

    /** Index of an extensible enumeration; see {@link PerReader#readExtensibleEnum}. */
    void writeExtensibleEnum(int code, int rootCount, int rootBits) {
        if (code < rootCount) {
            writeBit(false);
            writeBits(code, rootBits);
            return;
        }
        writeBit(true);
        int ext = code - rootCount;
        if (ext < 64) {
            writeBit(false);
            writeBits(ext, 6);
        } else {
            writeBit(true);
            if (ext < 256) {
                writeLengthDeterminant(1);
                writeOctet(ext);
            } else if (ext < 65536) {
                writeLengthDeterminant(2);
                writeOctet(ext >> 8);
                writeOctet(ext & 0xFF);
            } else {
                throw new IllegalArgumentException("enumeration extension " + code + " too large");
            }
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bitPos + 7) / 8));
    }
}
