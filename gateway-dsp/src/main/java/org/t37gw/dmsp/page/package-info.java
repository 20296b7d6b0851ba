/**
 * Page rasters the DMSP works on: {@link org.t37gw.dmsp.page.Bilevel} packed rows (1 = black, MSB first,
 * the T.4 codec's row format) and the netpbm P4 format ({@link org.t37gw.dmsp.page.Pbm}) for import and
 * export.
 */
package org.t37gw.dmsp.page;
