/**
 * Composing the on-ramp mail of a received fax: RFC 3965 "simple mode" Internet fax.
 *
 * <p>{@link org.t37gw.smtp.mail.MailComposer} turns a {@link org.t37gw.smtp.mail.FaxMailRequest} (what
 * the OnRamp application knows when the fax call ends) and the on-ramp mmoip dial-peer into a
 * {@link org.t37gw.smtp.mail.ComposedMail}: RFC 5322 bytes built with Jakarta Mail and the SMTP envelope
 * ({@link org.t37gw.smtp.mail.MailEnvelope}) with the RFC 3461 DSN parameters the dial-peer's {@code dsn}
 * lines ask for.
 *
 * <ul>
 * <li>Recipient: the dial-peer's {@code session target mailto:} resolved by
 *     {@link org.t37gw.smtp.mail.SessionTarget} ({@code $d$ $s$ $m$ $e$}, as the IOS command reference).</li>
 * <li>Sender: {@code mta send mail-from} (envelope and {@code From:}), else {@code mta send postmaster}
 *     as the envelope sender; no {@code Return-Path:} is written, the delivering MTA adds it (RFC 5321 §4.4).</li>
 * <li>Body: {@code multipart/mixed} with a short {@code text/plain} part, the pages as TIFF-F
 *     ({@code image/tiff; application=faxbw}, base64; RFC 3302, RFC 3949 Profile S), then any extra
 *     attachment (e.g. a PDF). {@code Disposition-Notification-To:} (RFC 8098) when the dial-peer has
 *     {@code mdn}.</li>
 * </ul>
 *
 * <p>Pure: the clock and the source of unique ids are injected, so the same inputs give the same bytes.
 * docs/mail-delivery.md lists every header and the command it comes from.
 */
package org.t37gw.smtp.mail;
