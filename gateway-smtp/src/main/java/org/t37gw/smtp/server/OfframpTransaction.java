package org.t37gw.smtp.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.t37gw.smtp.dsn.NotifyRequest;
import org.t37gw.smtp.dsn.OriginalRecipient;
import org.t37gw.smtp.dsn.Ret;
import org.t37gw.smtp.dsn.Xtext;
import org.t37gw.spool.SpoolFullException;

/**
 * One mail transaction of the off-ramp SMTP server (MAIL, RCPT..., DATA), one instance per transaction as
 * SubEthaSMTP's {@link MessageHandler} model has it. Every refusal is an {@link SmtpRejection} carrying
 * its reply.
 *
 * <p>The RFC 3461 parameters arrive through {@link #mail} and {@link #rcpt} (our MAIL and RCPT commands
 * pass them; SubEthaSMTP's own interface methods carry the address only and map to these without
 * parameters).
 */
final class OfframpTransaction implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OfframpTransaction.class);
    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final Pattern SIZE_VALUE = Pattern.compile("[0-9]{1,18}");
    private static final Pattern NOT_VISIBLE = Pattern.compile("[^\\x21-\\x7e]");

    private final Ingress ingress;
    private final MessageContext ctx;
    private String sender;
    private String envid;
    private Ret ret;
    private final List<Envelope.Recipient> recipients = new ArrayList<>();
    private Path file;
    private MessageSink.Receiver receiver;

    OfframpTransaction(Ingress ingress, MessageContext ctx) {
        this.ingress = ingress;
        this.ctx = ctx;
    }

    List<Envelope.Recipient> recipients() {
        return recipients;
    }

    // ------------------------------------------------------------------ MAIL

    void mail(String address, Map<String, String> params) throws SmtpRejection {
        for (Map.Entry<String, String> p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (v == null || !SIZE_VALUE.matcher(v).matches()) {
                        throw reject(501, "5.5.4", "SIZE needs a number");
                    }
                    if (Long.parseLong(v) > ingress.limits.maxMessageSize()) {
                        throw reject(552, "5.3.4", "Message size exceeds fixed limit of " + ingress.limits.maxMessageSize());
                    }
                }
                case "BODY" -> {
                    if (v == null || !(v.equalsIgnoreCase("7BIT") || v.equalsIgnoreCase("8BITMIME"))) {
                        throw reject(501, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                    }
                }
                case "RET" -> {
                    Optional<Ret> r = v == null ? Optional.empty() : Ret.parse(v);
                    if (r.isEmpty() || ret != null) {
                        throw reject(501, "5.5.4", "RET must be FULL or HDRS");
                    }
                    ret = r.get();
                }
                case "ENVID" -> {
                    try {
                        envid = Xtext.decode(v == null ? "" : v);
                    } catch (IllegalArgumentException e) {
                        envid = null;
                    }
                    if (envid == null || envid.isEmpty() || v.length() > 100) {
                        throw reject(501, "5.5.4", "ENVID must be 1..100 characters of xtext");
                    }
                }
                case "AUTH" -> {
                    // RFC 4954 §5: the original submitter; we record the session's own AUTH identity only
                }
                default -> throw reject(555, "5.5.4", "MAIL parameter " + p.getKey() + " not supported");
            }
        }
        if (!address.isEmpty() && (address.indexOf('@') <= 0 || address.endsWith("@"))) {
            throw reject(553, "5.1.7", "Bad sender address syntax");
        }
        Optional<SmtpReply> refuse = ingress.sink.refuseNow();
        if (refuse.isPresent()) {
            throw new SmtpRejection(refuse.get());
        }
        sender = address;
    }

    @Override
    public void from(String from) throws SmtpRejection {
        mail(from, Map.of());
    }

    // ------------------------------------------------------------------ RCPT

    void rcpt(String address, Map<String, String> params) throws SmtpRejection {
        NotifyRequest notify = NotifyRequest.DEFAULT;
        OriginalRecipient orcpt = null;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "NOTIFY" -> notify = (v == null ? Optional.<NotifyRequest>empty() : NotifyRequest.parse(v))
                        .orElseThrow(() -> reject(501, "5.5.4", "NOTIFY must be NEVER or SUCCESS,FAILURE,DELAY"));
                case "ORCPT" -> orcpt = (v == null ? Optional.<OriginalRecipient>empty() : OriginalRecipient.parse(v))
                        .orElseThrow(() -> reject(501, "5.5.4", "ORCPT must be addr-type;xtext"));
                default -> throw reject(555, "5.5.4", "RCPT parameter " + p.getKey() + " not supported");
            }
        }
        RecipientPolicy.Request req = new RecipientPolicy.Request(address, clientAddress().getAddress(), authUser(),
                recipients.size());
        RcptDecision d = ingress.policy.check(req);
        if (d instanceof RcptDecision.Reject r) {
            LOG.info("RCPT <{}> from {} refused: {}", address, clientIp(), r.reply());
            throw new SmtpRejection(r.reply());
        }
        RcptDecision.Accept a = (RcptDecision.Accept) d;
        if (!ingress.clientLimiter.tryAcquire(clientIp())) {
            throw reject(450, "4.7.1", "Too many faxes from your address, try again later");
        }
        if (!ingress.senderLimiter.tryAcquire(sender.toLowerCase(Locale.ROOT))) {
            throw reject(450, "4.7.1", "Too many faxes from this sender, try again later");
        }
        recipients.add(new Envelope.Recipient(address, a.address(), notify, orcpt));
    }

    @Override
    public void recipient(String recipient) throws SmtpRejection {
        rcpt(recipient, Map.of());
    }

    // ------------------------------------------------------------------ DATA

    /**
     * Before {@code 354}: opens where the message goes (the sink's receiver, else a file under the
     * incoming directory). A reply to answer DATA with instead of {@code 354} when that fails, else null.
     */
    SmtpReply prepare() {
        try {
            receiver = ingress.sink.open().orElse(null);
            if (receiver == null) {
                Files.createDirectories(ingress.incomingDir);
                file = Files.createTempFile(ingress.incomingDir, "msg-", ".eml");
            }
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("DATA from <{}> refused: cannot store a message now: {}", sender, e.toString());
            return storageReply(e);
        }
    }

    /** The reply to a storage failure: {@code 452 4.3.1} when out of space, else {@code 451 4.3.0}. */
    static SmtpReply storageReply(Throwable e) {
        return SpoolFullException.isNoSpace(e) ? new SmtpReply(452, "4.3.1", "Insufficient system storage, try later")
                : new SmtpReply(451, "4.3.0", "Local error in processing, try later");
    }

    /**
     * Reads the message from the dot-stuffed client stream, hands it to the sink and returns the final
     * reply. {@link #prepare} first.
     *
     * @throws SmtpRejection with {@code dropConnection} set when the stream is out of step
     */
    SmtpReply receive(InputStream in, boolean tls) throws IOException, SmtpRejection {
        if (receiver == null && file == null) {
            SmtpReply refused = prepare();
            if (refused != null) {
                throw new SmtpRejection(refused);
            }
        }
        DataReader.Result result;
        ZonedDateTime now = ZonedDateTime.now(ingress.clock).withZoneSameInstant(ZoneOffset.UTC);
        OutputStream target = receiver != null ? receiver.stream()
                : new BufferedOutputStream(Files.newOutputStream(file), 16384);
        // a failing write (disk full) must not stop the reading: the client's next command follows the data
        GuardedOutput out = new GuardedOutput(target);
        try (out) {
            out.write(receivedHeader(tls, now).getBytes(StandardCharsets.UTF_8));
            result = DataReader.copy(in, out, ingress.limits.maxMessageSize());
        }
        switch (result.outcome()) {
            case BARE_LINE_END -> throw new SmtpRejection(new SmtpReply(554, "5.5.2",
                    "Bare CR or LF in DATA: lines must end with CRLF (RFC 5321 2.3.8); closing"), true);
            case FLOOD -> throw new SmtpRejection(new SmtpReply(552, "5.3.4",
                    "Message far too big; closing"), true);
            case TOO_BIG -> throw reject(552, "5.3.4", "Message size exceeds fixed limit of "
                    + ingress.limits.maxMessageSize());
            case COMPLETE -> {
            }
        }
        if (result.nul()) {
            throw reject(554, "5.6.0", "NUL character in message refused");
        }
        if (out.failure != null) {
            LOG.warn("message from <{}> refused: writing it failed: {}", sender, out.failure.toString());
            throw new SmtpRejection(storageReply(out.failure));
        }
        Envelope env = new Envelope(sender, recipients, clientIp(), ctx.getHelo().orElse(null), authUser(), tls,
                envid, ret, ingress.clock.instant(), ctx.getSessionId());
        SinkDecision d = receiver != null ? receiver.accept(env) : ingress.sink.accept(env, file);
        if (d instanceof SinkDecision.Rejected r) {
            LOG.warn("message from <{}> refused by the sink: {}", sender, r.reply());
            throw new SmtpRejection(r.reply());
        }
        List<String> ids = ((SinkDecision.Accepted) d).ids();
        LOG.info("message from <{}> for {} recipient(s), {} bytes: queued as {}", sender, recipients.size(),
                result.bytes(), ids);
        return new SmtpReply(250, "2.0.0", "Ok: queued as " + String.join(",", ids));
    }

    /** Passes writes on until one fails; from then on it drops them and keeps the first failure. */
    private static final class GuardedOutput extends OutputStream {
        private final OutputStream out;
        IOException failure;

        GuardedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            if (failure == null) {
                try {
                    out.write(b);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (failure == null) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    @Override
    public String data(InputStream data) throws SmtpRejection, IOException {
        return receive(data, false).line();
    }

    private String receivedHeader(boolean tls, ZonedDateTime now) {
        String helo = NOT_VISIBLE.matcher(ctx.getHelo().orElse("unknown")).replaceAll("?");
        String with = "ESMTP" + (tls ? "S" : "") + (authUser() != null ? "A" : "");
        String forClause = recipients.size() == 1 ? "\r\n\tfor <" + recipients.get(0).address() + ">" : "";
        return "Received: from " + helo + " ([" + clientIp() + "])\r\n\tby " + ingress.hostname + " (t37gw) with "
                + with + " id " + ctx.getSessionId() + forClause + ";\r\n\t" + RFC5322_DATE.format(now) + "\r\n";
    }

    @Override
    public void done() {
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", file, e.toString());
            }
            file = null;
        }
    }

    private InetSocketAddress clientAddress() {
        return (InetSocketAddress) ctx.getRemoteAddress();
    }

    private String clientIp() {
        return clientAddress().getAddress().getHostAddress();
    }

    private String authUser() {
        return ctx.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity())).orElse(null);
    }

    private static SmtpRejection reject(int code, String enhanced, String text) {
        return new SmtpRejection(new SmtpReply(code, enhanced, text));
    }
}
