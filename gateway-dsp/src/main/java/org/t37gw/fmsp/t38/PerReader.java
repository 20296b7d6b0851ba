package org.t37gw.fmsp.t38;

/**
 * Reads ASN.1 PER (aligned variant, X.691) from an octet range, bit by bit. Running past the end or meeting an
 * unsupported form throws {@link PerException}, which the codecs turn into a {@link DecodeResult.Malformed}; it never
 * leaves this package.
 */
final class PerReader {

    private final byte[] buf;
    private final int start;
    private final int end;
    private long bitPos; // absolute bit position in buf

    PerReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.bitPos = (long) offset * 8;
    }

    /** Octets consumed so far, counting a partly read octet as whole. */
    int consumed() {
        return (int) ((bitPos + 7) / 8) - start;
    }

    /** Offset of the current octet relative to the start, for error messages. */
    int octetOffset() {
        return (int) (bitPos / 8) - start;
    }

    int remainingOctets() {
        return end - (int) ((bitPos + 7) / 8);
    }

    boolean readBit() {
        if (bitPos >= (long) end * 8) {
            throw new PerException("packet ends inside a bit field", octetOffset());
        }
        int b = buf[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7));
        bitPos++;
        return (b & 1) != 0;
    }

    int readBits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | (readBit() ? 1 : 0);
        }
        return v;
    }

    /** Skips to the next octet boundary (the padding bits are not checked). */
    void align() {
        bitPos = (bitPos + 7) & ~7L;
    }

    int readOctet() {
        align();
        if (bitPos >= (long) end * 8) {
            throw new PerException("packet ends where an octet is expected", octetOffset());
        }
        int v = buf[(int) (bitPos >>> 3)] & 0xFF;
        bitPos += 8;
        return v;
    }

    byte[] readOctets(int n) {
        align();
        int pos = (int) (bitPos >>> 3);
        if (n > end - pos) {
            throw new PerException("a length of " + n + " octets runs past the end (" + (end - pos) + " left)",
                    octetOffset());
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        bitPos += (long) n * 8;
        return out;
    }

    /**
     * An unconstrained length determinant (X.691 10.9): one octet {@code 0xxxxxxx} below 128, two octets
     * {@code 10xxxxxx xxxxxxxx} below 16384. The fragmented form ({@code 11xxxxxx}) is never needed for T.38 and is
     * rejected.
     */
    int readLengthDeterminant() {
        int first = readOctet();
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0xC0) == 0x80) {
            return ((first & 0x3F) << 8) | readOctet();
        }
        throw new PerException("fragmented length determinant (0x" + Integer.toHexString(first) + ") not supported",
                octetOffset() - 1);
    }

    /**
     * The index of an extensible enumeration: an extension bit, then either {@code rootBits} bits of a root index, or
     * a normally small non-negative whole number (X.691 10.6) added to {@code rootCount}.
     */
    int readExtensibleEnum(int rootCount, int rootBits, int maxCode) {
        if (!readBit()) {
            int v = readBits(rootBits);
            if (v >= rootCount) {
                throw new PerException("enumeration index " + v + " outside the " + rootCount + " root values",
                        octetOffset());
            }
            return v;
        }
        int ext;
        if (!readBit()) {
            ext = readBits(6);
        } else {
            int len = readLengthDeterminant();
            if (len < 1 || len > 2) {
                throw new PerException("enumeration extension of " + len + " octets", octetOffset());
            }
            ext = 0;
            for (int i = 0; i < len; i++) {
                ext = (ext << 8) | readOctet();
            }
        }
        int code = rootCount + ext;
        if (code > maxCode) {
            throw new PerException("enumeration extension value " + code + " above the limit " + maxCode, octetOffset());
        }
        return code;
    }

    /** Thrown inside the package on malformed input; carries no stack trace, since garbage is routine. */
    static final class PerException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int offset;

        PerException(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }
}
