/**
 * Delivery and disposition reports: RFC 3461 parameters ({@link org.t37gw.smtp.dsn.NotifyRequest},
 * {@link org.t37gw.smtp.dsn.OriginalRecipient}, {@link org.t37gw.smtp.dsn.Ret}, xtext), the NOTIFY decision
 * ({@link org.t37gw.smtp.dsn.NotifyPolicy}: default FAILURE,DELAY; NEVER; none to the null reverse-path;
 * none with {@code mta receive disable-dsn}), DSNs per RFC 3464 ({@link org.t37gw.smtp.dsn.DsnBuilder}) and
 * MDNs per RFC 8098 ({@link org.t37gw.smtp.dsn.MdnBuilder}), both as RFC 6522 {@code multipart/report}
 * written by Jakarta Mail.
 *
 * <p>Fax conventions: {@code Remote-MTA: X-Fax; NUMBER}, {@code Diagnostic-Code: X-T30; T30 result};
 * status codes follow the reference's mapping (unallocated number 5.1.1, busy/no answer 4.4.1 while
 * retrying, T.30 failure 4.x/5.x, unsupported content 5.6.1, too big 5.3.4). Builders are pure apart from
 * the clock passed in.
 */
package org.t37gw.smtp.dsn;
