/**
 * Delivering mail from the durable spool: on-ramp faxes as mail, and the DSNs/MDNs the off-ramp sends.
 *
 * <p>A mail is a spool job of kind {@code MAIL} ({@link org.t37gw.smtp.client.OutboundMail}): the
 * envelope and per-recipient state in the job record, the RFC 5322 message as payload
 * {@code message.eml}. Its ENVID (RFC 3461 §4.4) is the job id.
 *
 * <p>{@link org.t37gw.smtp.client.MailDeliveryService} (a daemon {@code LifeCycle}) claims due MAIL jobs
 * on one thread and delivers each recipient still pending:
 * <ul>
 * <li>into a {@link org.t37gw.smtp.client.Maildir} (tmp/ → fsync → rename into new/) when
 *     {@code mta send maildir} is set, or the recipient's domain is local;</li>
 * <li>otherwise over SMTP with Angus Mail: the {@code mta send server}s in order with failover,
 *     STARTTLS ({@code mta send tls}: opportunistic or required and verified), AUTH PLAIN/LOGIN,
 *     {@code NOTIFY}/{@code RET}/{@code ENVID} to servers announcing DSN (RFC 3461), per-recipient
 *     outcomes from the RCPT replies (RFC 5321 §4.2: 4xx transient, 5xx permanent).</li>
 * </ul>
 * Transient failures go back to the spool's exponential backoff; 5xx hands the message to
 * {@code mta send postmaster}; nothing is dropped. Delivery is at-least-once: a recipient is recorded as
 * delivered right after the MTA's 250 to the data (RFC 5321 §4.1.1.4), so only a crash in that window
 * resends.
 *
 * <p>{@link org.t37gw.smtp.client.DsnMatcher} parses DSNs that come back (RFC 6522 multipart/report,
 * RFC 3464 message/delivery-status) and matches them to their job by {@code Original-Envelope-Id}.
 * docs/mail-delivery.md has the details.
 */
package org.t37gw.smtp.client;
