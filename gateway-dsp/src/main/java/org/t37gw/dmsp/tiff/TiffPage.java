package org.t37gw.dmsp.tiff;

/**
 * One image (IFD) of a TIFF file, as far as a fax reader cares. Absent fields hold the TIFF default or
 * -1 (0 for the resolutions).
 *
 * @param index            0-based position in the IFD chain
 * @param bigEndian        byte order of the file ("MM")
 * @param newSubfileType   NewSubfileType, -1 if absent
 * @param width            ImageWidth
 * @param length           ImageLength
 * @param bitsPerSample    first BitsPerSample value (default 1)
 * @param samplesPerPixel  SamplesPerPixel (default 1)
 * @param compression      Compression (default 1)
 * @param photometric      PhotometricInterpretation, -1 if absent
 * @param fillOrder        FillOrder (default 1)
 * @param t4Options        T4Options (default 0)
 * @param t6Options        T6Options (default 0)
 * @param rowsPerStrip     RowsPerStrip (default: the image length)
 * @param stripOffsets     StripOffsets
 * @param stripByteCounts  StripByteCounts, null if absent
 * @param xResolution      XResolution, 0 if absent
 * @param yResolution      YResolution, 0 if absent
 * @param resolutionUnit   ResolutionUnit (default 2, inch)
 * @param pageNumber       PageNumber (page, total), null if absent
 * @param planarConfig     PlanarConfiguration (default 1)
 * @param badFaxLines      BadFaxLines, -1 if absent
 * @param cleanFaxData     CleanFaxData, -1 if absent
 * @param consecutiveBadFaxLines ConsecutiveBadFaxLines, -1 if absent
 * @param software         Software, null if absent
 * @param dateTime         DateTime, null if absent
 */
public record TiffPage(int index, boolean bigEndian, long newSubfileType, int width, int length, int bitsPerSample,
                       int samplesPerPixel, int compression, int photometric, int fillOrder, long t4Options,
                       long t6Options, long rowsPerStrip, long[] stripOffsets, long[] stripByteCounts,
                       double xResolution, double yResolution, int resolutionUnit, int[] pageNumber,
                       int planarConfig, long badFaxLines, int cleanFaxData, long consecutiveBadFaxLines,
                       String software, String dateTime) {

    /** True if this page is a one-bit, one-sample image this package decodes itself. */
    public boolean isFaxBilevel() {
        return bitsPerSample == 1 && samplesPerPixel == 1
            && (compression == 1 || compression == 2 || compression == 3 || compression == 4);
    }

    /** Horizontal resolution in dots per inch (converted from centimetres when ResolutionUnit is 3). */
    public double xdpi() {
        return resolutionUnit == 3 ? xResolution * 2.54 : xResolution;
    }

    /** Vertical resolution in lines per inch. */
    public double ydpi() {
        return resolutionUnit == 3 ? yResolution * 2.54 : yResolution;
    }

    /** A name for the page's coding: MH, MR, MMR, MH-RLE (Compression 2), none, or the number. */
    public String codingName() {
        return switch (compression) {
            case 1 -> "none";
            case 2 -> "MH-RLE";
            case 3 -> (t4Options & 1) != 0 ? "MR" : "MH";
            case 4 -> "MMR";
            case 5 -> "LZW";
            case 7 -> "JPEG";
            case 32773 -> "PackBits";
            default -> "compression " + compression;
        };
    }
}
