package org.t37gw.onramp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;

class PageRasterTest {

    @Test
    void fineToStandardOrsRowPairsSoThinLinesSurvive() {
        // 16 pixels, 3 rows: a line only on row 1 (odd), nothing on row 2
        byte[] d = {0, 0, (byte) 0xF0, 0, 0, 0};
        PageRaster fine = new PageRaster(16, 3, FaxResolution.FINE, d, 0, 0);
        PageRaster std = fine.withResolution(FaxResolution.STANDARD);
        assertEquals(2, std.rows());
        assertArrayEquals(new byte[] {(byte) 0xF0, 0, 0, 0}, std.data());
        assertEquals(FaxResolution.STANDARD, std.resolution());
    }

    @Test
    void standardToSuperfineRepeatsEachRowFourTimes() {
        PageRaster std = new PageRaster(8, 2, FaxResolution.STANDARD, new byte[] {1, 2}, 0, 0);
        PageRaster sf = std.withResolution(FaxResolution.SUPERFINE);
        assertArrayEquals(new byte[] {1, 1, 1, 1, 2, 2, 2, 2}, sf.data());
    }

    @Test
    void decodesMsbFirstDataAndCountsDataInTheWrongOrderAsDamage() {
        Bilevel b = OnRampApplicationTest.page(3, 30, 196);
        for (FillOrder order : FillOrder.values()) {
            T4Encoder enc = new T4Encoder(T4Params.mh(1728).withFillOrder(order));
            for (int y = 0; y < b.height(); y++) {
                enc.encodeRow(b.data(), y * b.rowBytes());
            }
            enc.endPage();
            FaxPage p = new FaxPage(1728, 30, FaxResolution.FINE, FaxCoding.MH, enc.takeBytes());
            PageRaster r = PageRaster.decode(p, DecodeLimits.DEFAULT);
            if (order == FillOrder.MSB_FIRST) {
                assertEquals(0, r.badLines(), order.name());
                assertArrayEquals(b.data(), r.data(), order.name());
            } else {
                assertTrue(r.badLines() > 0 || r.rows() != 30, "LSB-first data is not what FaxPage carries");
            }
        }
    }
}
