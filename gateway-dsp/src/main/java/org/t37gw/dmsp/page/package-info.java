/**
 * Page rasters the DMSP works on: {@link org.t37gw.dmsp.page.Bilevel} packed rows (1 = black, MSB first,
 * the T.4 codec's row format) and the netpbm P4 format ({@link org.t37gw.dmsp.page.Pbm}) for import and
 * export. The renderers' {@code org.t37gw.dmsp.render.FaxPageImage} has the same rows and converts to and from
 * {@code Bilevel} with one copy ({@code toBilevel()}, {@code fromBilevel()}); scaling documents to fax pages is
 * {@code org.t37gw.dmsp.convert.DocumentPages}'s job.
 */
package org.t37gw.dmsp.page;
