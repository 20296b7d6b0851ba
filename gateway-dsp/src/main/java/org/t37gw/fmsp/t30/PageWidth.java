package org.t37gw.fmsp.t30;

/** Scan line lengths of T.4 2.2 / T.30 Table 2 bits 17-18, narrowest first. */
public enum PageWidth {
    /** 215 mm, 1728 pels at R8. */
    A4(215, 1728),
    /** 255 mm, 2048 pels at R8. */
    B4(255, 2048),
    /** 303 mm, 2432 pels at R8. */
    A3(303, 2432);

    private final int mm;
    private final int pelsAtR8;

    PageWidth(int mm, int pelsAtR8) {
        this.mm = mm;
        this.pelsAtR8 = pelsAtR8;
    }

    public int mm() {
        return mm;
    }

    /** Pels along the line at 8 pels/mm; twice this at R16. */
    public int pelsAtR8() {
        return pelsAtR8;
    }
}
