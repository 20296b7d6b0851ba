package org.t37gw.dmsp.t4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.testutil.TestPages;

class T4RoundTripTest {

    static List<T4Params> allParams(int width) {
        List<T4Params> list = new ArrayList<>();
        for (FillOrder fo : FillOrder.values()) {
            list.add(T4Params.mh(width).withFillOrder(fo));
            list.add(T4Params.mh(width).withFillOrder(fo).withEolAligned(true));
            list.add(T4Params.mh(width).withFillOrder(fo).withMinRowBits(T4Params.minRowBits(14400, 20)));
            list.add(T4Params.rle(width).withFillOrder(fo));
            list.add(T4Params.mr(width, 2).withFillOrder(fo));
            list.add(T4Params.mr(width, 4).withFillOrder(fo).withEolAligned(true));
            list.add(T4Params.mr(width, 0).withFillOrder(fo).withMinRowBits(T4Params.minRowBits(9600, 40)));
            list.add(T4Params.mmr(width).withFillOrder(fo));
            list.add(T4Params.mmr(width).withFillOrder(fo).withEndOfPage(false));
        }
        return list;
    }

    static byte[] encode(Bilevel page, T4Params p) {
        T4Encoder enc = new T4Encoder(p);
        for (int y = 0; y < page.height(); y++) {
            enc.encodeRow(page.data(), y * page.rowBytes());
        }
        enc.endPage();
        return enc.takeBytes();
    }

    /** Decodes feeding {@code chunk} bytes at a time. */
    static Bilevel decode(byte[] data, T4Params p, int height, int chunk, T4Decoder[] out) {
        T4Decoder dec = new T4Decoder(p, new DecodeLimits(height + 10, 1000));
        Bilevel b = Bilevel.white(p.width(), height, 204, 196);
        int fed = 0;
        int y = 0;
        while (true) {
            int st = y < height ? dec.nextRow(b.data(), y * b.rowBytes()) : dec.nextRow(new byte[p.rowBytes()], 0);
            if (st == T4Decoder.ROW) {
                y++;
                if (y > height) {
                    throw new AssertionError("more rows than encoded");
                }
            } else if (st == T4Decoder.NEED_INPUT) {
                if (fed >= data.length) {
                    dec.endOfInput();
                } else {
                    int n = Math.min(chunk, data.length - fed);
                    dec.feed(data, fed, n);
                    fed += n;
                }
            } else {
                break;
            }
        }
        assertEquals(height, y, "rows decoded, end " + dec.pageEnd());
        if (out != null) {
            out[0] = dec;
        }
        return b;
    }

    @Test
    void everyFormatRoundTripsAtEveryWidth() {
        for (int width : new int[] {1728, 2048, 2432, 864, 1216, 4864, 13}) {
            Bilevel page = TestPages.mixed(width, 300, width);
            for (T4Params p : allParams(width)) {
                byte[] data = encode(page, p);
                T4Decoder[] dec = new T4Decoder[1];
                Bilevel back = decode(data, p, page.height(), 1 << 20, dec);
                assertNull(page.firstDifference(back), p + " differs");
                assertEquals(0, dec[0].badLines(), p + " bad lines");
                PageEnd expected = !p.endOfPage() ? PageEnd.END_OF_DATA
                    : p.coding() == Coding.MMR ? PageEnd.EOFB : PageEnd.RTC;
                if (p.rowAligned()) {
                    expected = PageEnd.END_OF_DATA;
                }
                assertEquals(expected, dec[0].pageEnd(), p.toString());
            }
        }
    }

    @Test
    void streamingAtEveryChunkSizeGivesTheSameRows() {
        Bilevel page = TestPages.mixed(1728, 60, 7);
        for (T4Params p : allParams(1728)) {
            byte[] data = encode(page, p);
            for (int chunk : new int[] {1, 2, 3, 5, 17, 64, 333}) {
                Bilevel back = decode(data, p, page.height(), chunk, null);
                assertNull(page.firstDifference(back), p + " chunk " + chunk);
            }
        }
    }

    @Test
    void minimumScanLineTimeFillMakesEveryRowLongEnough() {
        Bilevel page = Bilevel.white(1728, 20, 204, 98);
        int min = T4Params.minRowBits(9600, 20);
        assertEquals(192, min);
        byte[] data = encode(page, T4Params.mh(1728).withMinRowBits(min));
        // 20 rows of >= 192 bits plus RTC (72 bits)
        assertEquals((20 * 192 + 72 + 7) / 8, data.length);
        byte[] plain = encode(page, T4Params.mh(1728));
        // EOL, make-up 1728 (9 bits), terminating white 0 (8 bits)
        assertEquals((20 * (12 + 9 + 8) + 72 + 7) / 8, plain.length);
    }

    @Test
    void alignedEolsEndOnByteBoundaries() {
        Bilevel page = TestPages.mixed(1728, 40, 3);
        byte[] data = encode(page, T4Params.mh(1728).withEolAligned(true).withEndOfPage(false));
        // every EOL's final 1 bit is the last bit of a byte: each 0x01 byte preceded by a zero nibble
        int eols = 0;
        for (int i = 1; i < data.length; i++) {
            if (data[i] == 0x01 && (data[i - 1] & 0x0F) == 0) {
                eols++;
            }
        }
        assertEquals(40, eols);
    }
}
