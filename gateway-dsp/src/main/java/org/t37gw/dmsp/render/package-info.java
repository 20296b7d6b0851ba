/**
 * DMSP text-to-fax and doc-to-fax: anything a mail can carry, made into bilevel fax page rasters for the T.4/T.6
 * encoder of {@code org.t37gw.dmsp.t4}.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>{@link org.t37gw.dmsp.render.FaxPageImage}: the page model: width (1728/2048/2432, T.4 clause 2.2), lines,
 *   {@link org.t37gw.dmsp.render.FaxResolution} (3.85/7.7/15.4 lines/mm), packed rows, 1 = black, MSB first, read a
 *   row at a time; vertical resolution conversion by line repetition or OR-merging.</li>
 *   <li>{@link org.t37gw.dmsp.render.ImageToFax} (PNG, JPEG, GIF, BMP, TIFF via ImageIO and TwelveMonkeys) and
 *   {@link org.t37gw.dmsp.render.PdfToFax} (Apache PDFBox 3): scale to 204 dpi across and the page's lines per inch
 *   by area averaging (PDF: rendered directly at that scale), rotate landscape pages, fit to the
 *   {@link org.t37gw.dmsp.render.PaperSize}, grey to bilevel ({@link org.t37gw.dmsp.render.Bilevel}: threshold or
 *   Floyd-Steinberg, chosen by the share of mid-tones).</li>
 *   <li>{@link org.t37gw.dmsp.render.TextRenderer}: text/plain as a typed page (80 columns, tabs, form feeds) and
 *   text/enriched (RFC 1896, parsed by {@link org.t37gw.dmsp.render.EnrichedParser} into
 *   {@link org.t37gw.dmsp.render.EnrichedNode} runs).</li>
 *   <li>{@link org.t37gw.dmsp.render.HeaderLine}: the {@code fax send left-header/center-header/right-header} line;
 *   {@link org.t37gw.dmsp.render.CoverPage}: the {@code fax send coverpage} sheet.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Everything ends in a grey raster ({@code GreyImage}) made bilevel, or in Java2D drawing on a TYPE_BYTE_BINARY
 * canvas whose raster bytes are already our packed rows ({@code PageCanvas}: antialiasing and fractional metrics
 * off, drawn in units of 1/204 in, at fine resolution or better). Fonts come only from our class path
 * ({@link org.t37gw.dmsp.render.FaxFonts}), never from the system, so output is the same on every machine.
 * Renderers are pure functions of their input and options (time is passed in as
 * {@link org.t37gw.dmsp.render.HeaderValues}); hostile input is bounded by
 * {@link org.t37gw.dmsp.render.RenderLimits} and refused with a
 * {@link org.t37gw.dmsp.render.RenderException} whose reason maps to a DSN status. No I/O beyond the bytes passed
 * in, no threads. Choices and their reasons: {@code docs/rendering.md}.
 */
package org.t37gw.dmsp.render;
