package org.t37gw.dmsp.t4;

/** Order of bits within a byte of coded data (TIFF FillOrder). */
public enum FillOrder {
    /** FillOrder 1: the first bit of the stream is the most significant bit of the byte. */
    MSB_FIRST(1),
    /** FillOrder 2: the first bit is the least significant bit, as on the fax line. */
    LSB_FIRST(2);

    private final int tiffValue;

    FillOrder(int tiffValue) {
        this.tiffValue = tiffValue;
    }

    /** The TIFF FillOrder value, 1 or 2. */
    public int tiffValue() {
        return tiffValue;
    }

    /** The fill order for a TIFF FillOrder value; anything but 2 is 1, as TIFF readers do. */
    public static FillOrder ofTiff(int value) {
        return value == 2 ? LSB_FIRST : MSB_FIRST;
    }
}
