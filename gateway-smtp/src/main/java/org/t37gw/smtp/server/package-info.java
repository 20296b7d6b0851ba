/**
 * The off-ramp's embedded SMTP server: mail to {@code FAX=number@gateway} in, one durable spool job per
 * recipient out, {@code 250} only after that.
 *
 * <h2>How it works</h2>
 * {@link org.t37gw.smtp.server.SmtpListener} runs SubEthaSMTP 7.1.7 (one thread per session) with our
 * verbs installed over its defaults ({@code SmtpCommands}): EHLO advertises SIZE, 8BITMIME, PIPELINING,
 * ENHANCEDSTATUSCODES (RFC 2034), DSN (RFC 3461), STARTTLS (RFC 3207) and AUTH PLAIN/LOGIN (RFC 4954);
 * MAIL and RCPT parse their ESMTP parameters ({@link org.t37gw.smtp.server.SmtpSyntax}) and keep RET/ENVID
 * and NOTIFY/ORCPT per recipient; every reply carries an enhanced status code (RFC 3463).
 *
 * <p>One {@code OfframpTransaction} per mail transaction (from / recipient / data / done); a refusal is an
 * {@link org.t37gw.smtp.server.SmtpRejection}, which carries the reply and has no stack trace.
 * {@link org.t37gw.smtp.server.RecipientPolicy} decides RCPT purely (see its javadoc for the order of
 * checks and the toll-fraud rules); rate limits ({@link org.t37gw.smtp.server.RateLimiter}, time passed in)
 * and spool space are checked around it.
 *
 * <p>DATA is read by {@link org.t37gw.smtp.server.DataReader}: strict {@code CRLF.CRLF} end, bare CR/LF
 * closes the session (SMTP smuggling), streamed (never whole in memory) into what the
 * {@link org.t37gw.smtp.server.MessageSink} opened before {@code 354}: for
 * {@link org.t37gw.smtp.server.SpoolMessageSink}, straight into the payload of a new {@code OFFRAMP}
 * spool job under construction, committed with the other recipients' jobs (hard links to the same file)
 * before {@code 250}; a sink without a receiver gets a file in the incoming directory. A write failing
 * inside DATA (disk full) is answered {@code 452 4.3.1} after the data, so the session stays in step.
 *
 * <h2>Bounds</h2>
 * {@link org.t37gw.smtp.server.ServerLimits}: sessions in all and per client, read/command/DATA/session
 * timeouts enforced by a watchdog (a slow drip is cut), errors and commands per session, message size.
 * docs/smtp-server.md lists every reply.
 */
package org.t37gw.smtp.server;
