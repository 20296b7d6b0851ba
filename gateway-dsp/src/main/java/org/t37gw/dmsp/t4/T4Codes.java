package org.t37gw.dmsp.t4;

/**
 * The code tables of ITU-T T.4 (Tables 2/T.4 and 3/T.4, the extended make-up codes of Table 3/T.4, and
 * the two-dimensional mode codes of Table 4/T.4), written down once as strings of bits and turned into
 * the encoder's arrays and the decoder's lookup tables when the class loads.
 */
final class T4Codes {

    private T4Codes() {
    }

    /** Terminating codes, white runs 0..63 (Table 2/T.4). */
    private static final String[] WHITE_TERM = {
        "00110101", "000111", "0111", "1000", "1011", "1100", "1110", "1111",
        "10011", "10100", "00111", "01000", "001000", "000011", "110100", "110101",
        "101010", "101011", "0100111", "0001100", "0001000", "0010111", "0000011", "0000100",
        "0101000", "0101011", "0010011", "0100100", "0011000", "00000010", "00000011", "00011010",
        "00011011", "00010010", "00010011", "00010100", "00010101", "00010110", "00010111", "00101000",
        "00101001", "00101010", "00101011", "00101100", "00101101", "00000100", "00000101", "00001010",
        "00001011", "01010010", "01010011", "01010100", "01010101", "00100100", "00100101", "01011000",
        "01011001", "01011010", "01011011", "01001010", "01001011", "00110010", "00110011", "00110100",
    };

    /** Terminating codes, black runs 0..63 (Table 2/T.4). */
    private static final String[] BLACK_TERM = {
        "0000110111", "010", "11", "10", "011", "0011", "0010", "00011",
        "000101", "000100", "0000100", "0000101", "0000111", "00000100", "00000111", "000011000",
        "0000010111", "0000011000", "0000001000", "00001100111", "00001101000", "00001101100",
        "00000110111", "00000101000", "00000010111", "00000011000", "000011001010", "000011001011",
        "000011001100", "000011001101", "000001101000", "000001101001", "000001101010", "000001101011",
        "000011010010", "000011010011", "000011010100", "000011010101", "000011010110", "000011010111",
        "000001101100", "000001101101", "000011011010", "000011011011", "000001010100", "000001010101",
        "000001010110", "000001010111", "000001100100", "000001100101", "000001010010", "000001010011",
        "000000100100", "000000110111", "000000111000", "000000100111", "000000101000", "000001011000",
        "000001011001", "000000101011", "000000101100", "000001011010", "000001100110", "000001100111",
    };

    /** Make-up codes, white runs 64, 128, ... 1728 (Table 3/T.4). */
    private static final String[] WHITE_MAKEUP = {
        "11011", "10010", "010111", "0110111", "00110110", "00110111", "01100100", "01100101",
        "01101000", "01100111", "011001100", "011001101", "011010010", "011010011", "011010100",
        "011010101", "011010110", "011010111", "011011000", "011011001", "011011010", "011011011",
        "010011000", "010011001", "010011010", "011000", "010011011",
    };

    /** Make-up codes, black runs 64, 128, ... 1728 (Table 3/T.4). */
    private static final String[] BLACK_MAKEUP = {
        "0000001111", "000011001000", "000011001001", "000001011011", "000000110011", "000000110100",
        "000000110101", "0000001101100", "0000001101101", "0000001001010", "0000001001011",
        "0000001001100", "0000001001101", "0000001110010", "0000001110011", "0000001110100",
        "0000001110101", "0000001110110", "0000001110111", "0000001010010", "0000001010011",
        "0000001010100", "0000001010101", "0000001011010", "0000001011011", "0000001100100",
        "0000001100101",
    };

    /** Extended make-up codes, both colours, runs 1792, 1856, ... 2560 (Table 3/T.4). */
    private static final String[] EXT_MAKEUP = {
        "00000001000", "00000001100", "00000001101", "000000010010", "000000010011", "000000010100",
        "000000010101", "000000010110", "000000010111", "000000011100", "000000011101", "000000011110",
        "000000011111",
    };

    /** End of line: eleven 0 bits and a 1 (T.4 §4.1.2). */
    static final int EOL = 0x001;
    static final int EOL_BITS = 12;

    /** Largest run one make-up code carries; longer runs chain make-up codes (T.4 §4.1.1.3). */
    static final int MAX_MAKEUP = 2560;

    // ---- encoder side: code in the low bits, length in bits 24..31 ----

    /** White codes: index 0..63 terminating, 64 + n for make-up run 64 * n (n = 1..40). */
    static final int[] WHITE_ENC = new int[64 + 41];
    /** Black codes, same layout as {@link #WHITE_ENC}. */
    static final int[] BLACK_ENC = new int[64 + 41];

    // ---- two-dimensional modes (Table 4/T.4) ----
    static final int MODE_INVALID = 0;
    static final int MODE_PASS = 1;
    static final int MODE_HORIZONTAL = 2;
    /** Vertical modes are MODE_V0 + d for d = -3..3. */
    static final int MODE_V0 = 6;
    static final int MODE_EXTENSION = 10;
    static final int MODE_EOL = 11;

    /** Encoder: code | len << 24 of V(d), index d + 3. */
    static final int[] VERT_ENC = new int[7];
    static final int PASS_CODE = 0b0001;
    static final int PASS_BITS = 4;
    static final int HORIZ_CODE = 0b001;
    static final int HORIZ_BITS = 3;

    // ---- decoder side ----

    /** Bits the white table is indexed by. */
    static final int WHITE_LOOKUP = 12;
    /** Bits the black table is indexed by. */
    static final int BLACK_LOOKUP = 13;
    /** Bits the mode table is indexed by. */
    static final int MODE_LOOKUP = 7;

    /**
     * Run decoder tables, looked up with the next {@link #WHITE_LOOKUP} (or {@link #BLACK_LOOKUP}) bits of
     * the stream, MSB first: entry = run << 4 | code length, as chars so that both tables (24 KB) stay in
     * a first-level cache. A run below 64 is a terminating code, 64..2560 a make-up code; EOL and bit
     * patterns that are no code have run {@link #NO_RUN} (an EOL with its length 12, the rest length 0).
     */
    static final char[] WHITE_DEC = new char[1 << WHITE_LOOKUP];
    static final char[] BLACK_DEC = new char[1 << BLACK_LOOKUP];
    /** Run field of entries that are no run: EOL and invalid bit patterns. */
    static final int NO_RUN = 0xFFF;
    /** Bits the run-pair tables are indexed by. */
    static final int PAIR_LOOKUP = 12;

    /**
     * Two terminating codes at once, for the short runs text is made of: indexed by the next
     * {@link #PAIR_LOOKUP} bits, an entry of {@link #PAIR_WB} is a white terminating code followed by a
     * black one (of {@link #PAIR_BW} black then white) when both fit: first run | second run << 6 |
     * first code's length << 12 | both codes' length << 16; 0 when the bits do not start so. Entries
     * with a second run of 0 are left out, so a pair always moves on.
     */
    static final int[] PAIR_WB = new int[1 << PAIR_LOOKUP];
    static final int[] PAIR_BW = new int[1 << PAIR_LOOKUP];

    /** Mode table: entry = mode << 4 | code length, indexed by the next 7 bits. */
    static final int[] MODE_DEC = new int[1 << MODE_LOOKUP];

    static {
        for (int r = 0; r < 64; r++) {
            WHITE_ENC[r] = enc(WHITE_TERM[r]);
            BLACK_ENC[r] = enc(BLACK_TERM[r]);
            put(WHITE_DEC, WHITE_LOOKUP, WHITE_TERM[r], r);
            put(BLACK_DEC, BLACK_LOOKUP, BLACK_TERM[r], r);
        }
        for (int n = 1; n <= 27; n++) {
            WHITE_ENC[64 + n] = enc(WHITE_MAKEUP[n - 1]);
            BLACK_ENC[64 + n] = enc(BLACK_MAKEUP[n - 1]);
            put(WHITE_DEC, WHITE_LOOKUP, WHITE_MAKEUP[n - 1], 64 * n);
            put(BLACK_DEC, BLACK_LOOKUP, BLACK_MAKEUP[n - 1], 64 * n);
        }
        for (int n = 28; n <= 40; n++) {
            String code = EXT_MAKEUP[n - 28];
            WHITE_ENC[64 + n] = enc(code);
            BLACK_ENC[64 + n] = enc(code);
            put(WHITE_DEC, WHITE_LOOKUP, code, 64 * n);
            put(BLACK_DEC, BLACK_LOOKUP, code, 64 * n);
        }
        put(WHITE_DEC, WHITE_LOOKUP, "000000000001", NO_RUN);
        put(BLACK_DEC, BLACK_LOOKUP, "000000000001", NO_RUN);
        for (char[] t : new char[][] {WHITE_DEC, BLACK_DEC}) {
            for (int i = 0; i < t.length; i++) {
                if (t[i] == 0) {
                    t[i] = (char) (NO_RUN << 4);
                }
            }
        }

        for (int r1 = 0; r1 < 64; r1++) {
            for (int r2 = 1; r2 < 64; r2++) {
                putPair(PAIR_WB, WHITE_TERM[r1], BLACK_TERM[r2], r1, r2);
                putPair(PAIR_BW, BLACK_TERM[r1], WHITE_TERM[r2], r1, r2);
            }
        }

        String[] vert = {"0000010", "000010", "010", "1", "011", "000011", "0000011"};
        for (int d = -3; d <= 3; d++) {
            VERT_ENC[d + 3] = enc(vert[d + 3]);
            putMode(vert[d + 3], MODE_V0 + d);
        }
        putMode("0001", MODE_PASS);
        putMode("001", MODE_HORIZONTAL);
        putMode("0000001", MODE_EXTENSION);
    }

    private static int enc(String bits) {
        return Integer.parseInt(bits, 2) | bits.length() << 24;
    }

    private static void put(char[] table, int lookup, String bits, int run) {
        int len = bits.length();
        int first = Integer.parseInt(bits, 2) << (lookup - len);
        int count = 1 << (lookup - len);
        for (int i = 0; i < count; i++) {
            if (table[first + i] != 0) {
                throw new IllegalStateException("T.4 code table is not prefix-free at " + bits);
            }
            table[first + i] = (char) (run << 4 | len);
        }
    }

    private static void putPair(int[] table, String first, String second, int r1, int r2) {
        String bits = first + second;
        int len = bits.length();
        if (len > PAIR_LOOKUP) {
            return;
        }
        int start = Integer.parseInt(bits, 2) << (PAIR_LOOKUP - len);
        int entry = r1 | r2 << 6 | first.length() << 12 | len << 16;
        for (int i = 0; i < 1 << (PAIR_LOOKUP - len); i++) {
            table[start + i] = entry;
        }
    }

    private static void putMode(String bits, int mode) {
        int len = bits.length();
        int first = Integer.parseInt(bits, 2) << (MODE_LOOKUP - len);
        for (int i = 0; i < 1 << (MODE_LOOKUP - len); i++) {
            if (MODE_DEC[first + i] != 0) {
                throw new IllegalStateException("T.4 mode table is not prefix-free at " + bits);
            }
            MODE_DEC[first + i] = mode << 4 | len;
        }
    }

    /** Code of a white (or black) run 0..63 or make-up 64..2560 (multiple of 64) as code | len << 24. */
    static int code(boolean black, int run) {
        int[] t = black ? BLACK_ENC : WHITE_ENC;
        return run < 64 ? t[run] : t[64 + (run >> 6)];
    }

    /** Bit reversal of each byte value, for FillOrder 2 (least significant bit first). */
    static final byte[] REVERSE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            REVERSE[i] = (byte) (Integer.reverse(i) >>> 24);
        }
    }
}
