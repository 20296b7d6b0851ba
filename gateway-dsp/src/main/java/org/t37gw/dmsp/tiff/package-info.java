/**
 * TIFF for fax: TIFF-F (RFC 3949 profiles S and F, RFC 2306) files written page by page and any bilevel
 * fax TIFF read.
 *
 * <p>{@link org.t37gw.dmsp.tiff.TiffFaxWriter} appends one page at a time (strip, then IFD, then the link
 * from the previous IFD, each optionally forced to disk), so a file cut after page N is a file of N pages;
 * it writes the fields TIFF-F asks for (RFC 3949 §4: NewSubfileType, BitsPerSample 1, Compression 3/4,
 * Photometric 0, FillOrder, one strip per page, ResolutionUnit inch, XResolution 204, YResolution
 * 98/196/391, T4Options/T6Options, PageNumber) and BadFaxLines, CleanFaxData and ConsecutiveBadFaxLines
 * when the receiver knows them. {@link org.t37gw.dmsp.tiff.TiffFaxReader} reads both byte orders, both fill
 * orders, any number of strips, Compression 1–4, with or without EOLs and alignment, decodes with the
 * {@link org.t37gw.dmsp.t4} codec and lists every departure from TIFF-F in strict mode
 * ({@link org.t37gw.dmsp.tiff.TiffFaxReader#deviations()}). Other TIFFs (LZW, JPEG, grey, colour) go
 * through ImageIO and TwelveMonkeys ({@link org.t37gw.dmsp.tiff.ImageIoPages}), thresholded.
 */
package org.t37gw.dmsp.tiff;
