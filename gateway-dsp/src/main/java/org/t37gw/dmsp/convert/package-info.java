/**
 * Documents to fax pages: {@link org.t37gw.dmsp.convert.DocumentPages} detects what a document is
 * ({@link org.t37gw.dmsp.convert.DocumentType}) and sends it to the TIFF reader or the renderers, returning the
 * codec's {@link org.t37gw.dmsp.page.Bilevel} pages. Used by {@code t37gw doc convert} and, for MIME parts, by the
 * OffRamp.
 */
package org.t37gw.dmsp.convert;
