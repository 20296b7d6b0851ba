/**
 * The OffRamp application {@code fax_on_vfc_offramp_app}: OFFRAMP spool jobs (one per {@code FAX=}
 * recipient, RFC 3192) are taken apart ({@link org.t37gw.offramp.MimeDocument}, RFC 2045-2049), rendered to
 * fax pages with an optional cover page and the {@code fax send ...-header} line
 * ({@link org.t37gw.offramp.FaxPages}), faxed over an outbound POTS dial-peer, retried per cause, and
 * reported with one DSN (RFC 3461/3464) and an MDN (RFC 8098) when asked for
 * ({@link org.t37gw.offramp.OffRampApplication}). See docs/offramp.md.
 */
package org.t37gw.offramp;
