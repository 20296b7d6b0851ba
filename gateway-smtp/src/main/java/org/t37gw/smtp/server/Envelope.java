package org.t37gw.smtp.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.t37gw.smtp.dsn.NotifyRequest;
import org.t37gw.smtp.dsn.OriginalRecipient;
import org.t37gw.smtp.dsn.Ret;
import org.t37gw.smtp.address.FaxAddress;

/**
 * The SMTP envelope of one accepted mail transaction.
 *
 * @param sender     {@code MAIL FROM} path without brackets; {@code ""} for the null reverse-path
 * @param recipients accepted recipients, in RCPT order
 * @param client     the client's address as {@code ip} (no port)
 * @param helo       the EHLO/HELO argument
 * @param authUser   the SMTP AUTH identity, or {@code null}
 * @param tls        whether STARTTLS was in force
 * @param envid      RFC 3461 {@code ENVID=} (decoded), or {@code null}
 * @param ret        RFC 3461 {@code RET=}, or {@code null} when not given
 * @param received   when the message was completely received
 * @param sessionId  the SMTP session's id (for logs and the Received: header)
 */
public record Envelope(String sender, List<Recipient> recipients, String client, String helo, String authUser,
                       boolean tls, String envid, Ret ret, Instant received, String sessionId) {

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(received, "received");
    }

    /**
     * One accepted recipient.
     *
     * @param address the path as received
     * @param fax     the parsed fax address
     * @param dsnNotify RFC 3461 {@code NOTIFY=} ({@link NotifyRequest#DEFAULT} when not given)
     * @param orcpt   RFC 3461 {@code ORCPT=}, or {@code null}
     */
    public record Recipient(String address, FaxAddress fax, NotifyRequest dsnNotify, OriginalRecipient orcpt) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(fax, "fax");
            Objects.requireNonNull(dsnNotify, "dsnNotify");
        }
    }
}
