package org.t37gw.ccapi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One fax page as the T.30 engine sends or receives it: encoded T.4/T.6 data and its format.
 *
 * <p>Bit order: the data is MSB first (TIFF FillOrder 1: the first bit of the line is the high bit of each
 * octet), as the codec's encoder writes by default. MH and MR pages have an EOL before every row and end
 * with RTC; MMR pages end with EOFB. Drivers whose line carries LSB first (T.38, Class 1) reverse the bits
 * at the line, not here.
 *
 * @param widthPixels pixels per row (1728 for A4 at 8 dots/mm)
 * @param rows        number of rows, 0 when not known until decoded
 * @param resolution  vertical resolution
 * @param coding      coding of {@code data}
 * @param data        the encoded page (copied in and out)
 */
public record FaxPage(int widthPixels, int rows, FaxResolution resolution, FaxCoding coding, byte[] data) {

    public FaxPage {
        if (widthPixels <= 0) {
            throw new IllegalArgumentException("page width must be positive: " + widthPixels);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("row count must not be negative: " + rows);
        }
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(coding, "coding");
        data = data.clone();
    }

    /** A copy of the encoded data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Encoded size in bytes. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaxPage p && p.widthPixels == widthPixels && p.rows == rows
                && p.resolution == resolution && p.coding == coding && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(widthPixels, rows, resolution, coding, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "FaxPage[" + widthPixels + "x" + rows + " " + resolution + " " + coding + " " + data.length + " bytes]";
    }
}
