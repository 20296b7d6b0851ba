/**
 * Fax addresses in Internet mail: the minimal format of RFC 3192 (obsoletes RFC 2304),
 * {@code FAX=+1-555-0100/T33S=12@gateway}, taken apart into a number to dial, a T.33 sub-address and
 * qualifiers such as Cisco's {@code /cover=yes|no}.
 *
 * <p>{@link org.t37gw.smtp.address.FaxAddressParser#parse} is pure: it returns a
 * {@link org.t37gw.smtp.address.FaxAddressParse} decision, never throws, and knows nothing of dial-peers or
 * policy. A rejected address carries the SMTP reply it earns ({@link org.t37gw.smtp.address.AddressError}):
 * not a {@code FAX=} mailbox is {@code 550 5.1.1}, a {@code FAX=} address with bad syntax is
 * {@code 553 5.1.3} (RFC 3463 §3.2: X.1.1 bad destination mailbox, X.1.3 bad destination mailbox syntax).
 *
 * <p>RFC 3192 §1: the local part is interpreted only by the MTA named on the right-hand side, so the
 * parsed address keeps the local part exactly as received for ORCPT and DSN {@code Final-Recipient}.
 */
package org.t37gw.smtp.address;
