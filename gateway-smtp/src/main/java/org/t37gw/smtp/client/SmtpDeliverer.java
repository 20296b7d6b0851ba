package org.t37gw.smtp.client;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.config.MtaSend;
import org.t37gw.dialpeer.DialPeer.DsnNotify;
import org.t37gw.smtp.mail.MailEnvelope;

/**
 * One delivery attempt of one message over SMTP with Angus Mail's {@link SMTPTransport}: the
 * {@code mta send server}s in order, STARTTLS and AUTH as configured, one transaction per distinct
 * {@code NOTIFY} among the recipients, and a {@link Result} per recipient.
 *
 * <p>Failover: a server that cannot be reached, greets with an error, fails STARTTLS or AUTH, or drops
 * the connection is skipped for the next one; recipients that got a 4xx from one server are tried on the
 * next too. A 5xx for a recipient (or for the whole transaction) is final. DSN parameters
 * ({@code NOTIFY}, {@code RET}, {@code ENVID}; RFC 3461) are sent only to servers that announce
 * {@code DSN} in their EHLO reply, as RFC 3461 §4 requires.
 */
final class SmtpDeliverer {

    private static final Logger log = LoggerFactory.getLogger(SmtpDeliverer.class);

    /** How a recipient fared. */
    enum Status { DELIVERED, TEMPORARY, PERMANENT }

    /**
     * The outcome for one recipient.
     *
     * @param address the recipient
     * @param status  what happened
     * @param code    the SMTP reply code, 0 when there was none (connection failure)
     * @param reply   the reply (or the error) as one line, with the server it came from
     */
    record Result(String address, Status status, int code, String reply) {
    }

    /** Told right after an MTA accepted the data for some recipients (RFC 5321 §4.1.1.4 250 reply). */
    @FunctionalInterface
    interface DeliveredListener {
        void delivered(List<Result> delivered) throws IOException;
    }

    private final DeliverySettings settings;
    private final Session session;

    SmtpDeliverer(DeliverySettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(DeliverySettings s) {
        Properties p = new Properties();
        p.put("mail.smtp.localhost", s.hostname());
        p.put("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(s.ioTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(s.ioTimeout().toMillis()));
        p.put("mail.smtp.sendpartial", "true");
        p.put("mail.smtp.allow8bitmime", "false");
        p.put("mail.smtp.auth", Boolean.toString(s.auth() != null));
        p.put("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
        switch (s.tls()) {
            case NONE -> p.put("mail.smtp.starttls.enable", "false");
            case STARTTLS -> {
                // opportunistic (RFC 7435): encrypt when offered, without authenticating the server
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.ssl.socketFactory", trustAll());
                p.put("mail.smtp.ssl.checkserveridentity", "false");
            }
            case REQUIRED -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.socketFactory",
                        s.trustedTls() != null ? s.trustedTls() : (SSLSocketFactory) SSLSocketFactory.getDefault());
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    private static SSLSocketFactory trustAll() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // not a server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // opportunistic TLS: any certificate is better than clear text
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {any}, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /**
     * Delivers the message in {@code eml} to {@code recipients}.
     *
     * @param envid the ENVID (the job id)
     * @return one result per recipient, in order
     */
    List<Result> deliver(String sender, List<OutboundMail.Recipient> recipients, MailEnvelope.Ret ret, String envid,
                         Path eml, DeliveredListener listener) throws IOException {
        Map<String, Result> results = new LinkedHashMap<>();
        List<OutboundMail.Recipient> remaining = new ArrayList<>(recipients);
        List<String> problems = new ArrayList<>();
        if (settings.servers().isEmpty()) {
            problems.add("no mta send server is configured");
        }
        for (MtaSend.Server server : settings.servers()) {
            if (remaining.isEmpty()) {
                break;
            }
            String label = server.host() + ":" + server.port();
            SMTPTransport t;
            try {
                t = (SMTPTransport) session.getTransport("smtp");
                if (settings.auth() != null) {
                    t.connect(server.host(), server.port(), settings.auth().user(), settings.auth().password().reveal());
                } else {
                    t.connect(server.host(), server.port(), null, null);
                }
            } catch (MessagingException e) {
                String why = label + ": " + describe(e);
                log.warn("mta send server {} not usable, trying the next: {}", label, describe(e));
                problems.add(why);
                continue;
            }
            try {
                log.debug("connected to {}{}", label, t.supportsExtension("DSN") ? " (DSN)" : "");
                Map<Set<DsnNotify>, List<OutboundMail.Recipient>> groups = new LinkedHashMap<>();
                for (OutboundMail.Recipient r : remaining) {
                    groups.computeIfAbsent(r.dsnNotify(), k -> new ArrayList<>()).add(r);
                }
                for (List<OutboundMail.Recipient> group : groups.values()) {
                    if (!t.isConnected()) {
                        break;
                    }
                    List<Result> rs = transaction(t, label, sender, group, ret, envid, eml);
                    List<Result> delivered = new ArrayList<>();
                    for (Result r : rs) {
                        results.put(r.address(), r);
                        if (r.status() != Status.TEMPORARY) {
                            remaining.removeIf(x -> x.address().equals(r.address()));
                        }
                        if (r.status() == Status.DELIVERED) {
                            delivered.add(r);
                        }
                    }
                    if (!delivered.isEmpty()) {
                        listener.delivered(delivered);
                    }
                }
            } finally {
                try {
                    t.close();
                } catch (MessagingException e) {
                    log.debug("closing {}: {}", label, e.toString());
                }
            }
        }
        String reason = problems.isEmpty() ? "not tried" : String.join("; ", problems);
        for (OutboundMail.Recipient r : remaining) {
            results.putIfAbsent(r.address(), new Result(r.address(), Status.TEMPORARY, 0, reason));
        }
        List<Result> ordered = new ArrayList<>();
        for (OutboundMail.Recipient r : recipients) {
            ordered.add(results.get(r.address()));
        }
        return ordered;
    }

    /** One MAIL/RCPT.../DATA transaction on a connected transport. */
    private List<Result> transaction(SMTPTransport t, String label, String sender, List<OutboundMail.Recipient> group,
                                     MailEnvelope.Ret ret, String envid, Path eml) throws IOException {
        Address[] to = new Address[group.size()];
        try {
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(group.get(i).address(), false);
            }
        } catch (AddressException e) {
            List<Result> bad = new ArrayList<>();
            for (OutboundMail.Recipient r : group) {
                bad.add(new Result(r.address(), Status.PERMANENT, 0, "bad address: " + e.getMessage()));
            }
            return bad;
        }
        SharedFileInputStream in = new SharedFileInputStream(eml.toFile());
        try {
            SMTPMessage msg = new SMTPMessage(session, in);
            msg.setEnvelopeFrom(sender.isEmpty() ? "<>" : sender);
            if (t.supportsExtension("DSN")) {
                msg.setNotifyOptions(notifyFlags(group.get(0).dsnNotify()));
                if (ret != null) {
                    msg.setReturnOption(ret == MailEnvelope.Ret.FULL ? SMTPMessage.RETURN_FULL : SMTPMessage.RETURN_HDRS);
                }
                msg.setMailExtension("ENVID=" + xtext(envid));
            }
            try {
                t.sendMessage(msg, to);
                String reply = label + ": " + oneLine(t.getLastServerResponse());
                List<Result> ok = new ArrayList<>();
                for (OutboundMail.Recipient r : group) {
                    ok.add(new Result(r.address(), Status.DELIVERED, t.getLastReturnCode(), reply));
                }
                return ok;
            } catch (SendFailedException e) {
                return classify(t, label, group, e);
            } catch (MessagingException e) {
                // the connection broke during the transaction: nothing is known, try again
                String why = label + ": " + describe(e);
                log.warn("transaction with {} broken: {}", label, describe(e));
                try {
                    t.close();
                } catch (MessagingException ignored) {
                    // already broken
                }
                List<Result> rs = new ArrayList<>();
                for (OutboundMail.Recipient r : group) {
                    rs.add(new Result(r.address(), Status.TEMPORARY, 0, why));
                }
                return rs;
            }
        } catch (MessagingException e) {
            throw new IOException("cannot read the spooled message " + eml + ": " + e.getMessage(), e);
        } finally {
            in.close();
        }
    }

    /** Per-recipient outcomes from Angus's exception chain (sendpartial is on). */
    private static List<Result> classify(SMTPTransport t, String label, List<OutboundMail.Recipient> group,
                                         SendFailedException e) {
        Map<String, Result> byAddress = new HashMap<>();
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException af && af.getAddress() != null) {
                String a = af.getAddress().getAddress();
                byAddress.put(a.toLowerCase(Locale.ROOT), result(a, af.getReturnCode(), label + ": " + oneLine(af.getMessage())));
            }
        }
        Set<String> sent = new HashSet<>();
        if (e.getValidSentAddresses() != null) {
            for (Address a : e.getValidSentAddresses()) {
                sent.add(((InternetAddress) a).getAddress().toLowerCase(Locale.ROOT));
            }
        }
        int code = e instanceof SMTPSendFailedException sf ? sf.getReturnCode() : t.getLastReturnCode();
        String text = label + ": " + oneLine(e instanceof SMTPSendFailedException ? e.getMessage() : t.getLastServerResponse());
        List<Result> rs = new ArrayList<>();
        for (OutboundMail.Recipient r : group) {
            String key = r.address().toLowerCase(Locale.ROOT);
            if (sent.contains(key)) {
                rs.add(new Result(r.address(), Status.DELIVERED, 250, text));
            } else if (byAddress.containsKey(key)) {
                rs.add(byAddress.get(key));
            } else if (code >= 200 && code < 300) {
                // neither refused nor confirmed: deliver again rather than lose it
                rs.add(new Result(r.address(), Status.TEMPORARY, 0, text + " (outcome unknown)"));
            } else {
                rs.add(result(r.address(), code, text));
            }
        }
        return rs;
    }

    private static Result result(String address, int code, String text) {
        Status s = code >= 500 && code <= 599 ? Status.PERMANENT : Status.TEMPORARY;
        return new Result(address, s, code, text);
    }

    private static int notifyFlags(Set<DsnNotify> n) {
        if (n.isEmpty()) {
            return SMTPMessage.NOTIFY_NEVER;
        }
        int f = 0;
        if (n.contains(DsnNotify.SUCCESS)) {
            f |= SMTPMessage.NOTIFY_SUCCESS;
        }
        if (n.contains(DsnNotify.FAILURE)) {
            f |= SMTPMessage.NOTIFY_FAILURE;
        }
        if (n.contains(DsnNotify.DELAY)) {
            f |= SMTPMessage.NOTIFY_DELAY;
        }
        return f;
    }

    /** RFC 3461 §4 xtext: {@code +HH} for '+', '=' and anything outside '!'..'~'. */
    static String xtext(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < '!' || c > '~' || c == '+' || c == '=') {
                sb.append('+').append(String.format("%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\r\n]+\\s*", " ");
    }

    private static String describe(Exception e) {
        StringBuilder sb = new StringBuilder(oneLine(e.getMessage()));
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
            sb.append(" (").append(c.getClass().getSimpleName()).append(": ").append(oneLine(c.getMessage())).append(')');
        }
        return sb.toString();
    }
}
