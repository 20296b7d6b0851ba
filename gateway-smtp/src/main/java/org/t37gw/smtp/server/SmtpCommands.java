package org.t37gw.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Our SMTP verbs, installed over SubEthaSMTP's defaults ({@link #install}). SubEthaSMTP 7.1.7 passes
 * MAIL/RCPT to a handler without their ESMTP parameters, advertises CHUNKING and SMTPUTF8 but not
 * PIPELINING, ENHANCEDSTATUSCODES or DSN, answers without enhanced status codes, and its DATA reads ahead
 * through a 32 KiB buffer (eating pipelined commands after the final dot). These replacements fix that
 * and count every command and error against {@link ServerLimits}.
 *
 * <p>{@code AUTH} and {@code STARTTLS} stay SubEthaSMTP's, wrapped: AUTH needs TLS first when TLS is
 * configured (RFC 4954 §4, {@code 538 5.7.11}), and failed AUTHs count as errors.
 *
 * <p>Relies on SubEthaSMTP's {@code internal.server} package (Command, CommandHandler); pinned to 7.1.7.
 */
final class SmtpCommands {

    private SmtpCommands() {
    }

    static void install(CommandHandler handler, Ingress ingress) {
        Command auth = handler.getCommand("AUTH");
        Command starttls = handler.getCommand("STARTTLS");
        List<Command> ours = new ArrayList<>();
        ours.add(new Verb("EHLO", ingress, SmtpCommands::ehlo));
        ours.add(new Verb("HELO", ingress, SmtpCommands::helo));
        ours.add(new Verb("MAIL", ingress, SmtpCommands::mail));
        ours.add(new Verb("RCPT", ingress, SmtpCommands::rcpt));
        ours.add(new Verb("DATA", ingress, SmtpCommands::data));
        ours.add(new Verb("RSET", ingress, (s, line, in) -> {
            s.resetMailTransaction();
            return reply(250, "2.0.0", "Ok");
        }));
        ours.add(new Verb("NOOP", ingress, (s, line, in) -> reply(250, "2.0.0", "Ok")));
        ours.add(new Verb("QUIT", ingress, (s, line, in) -> {
            s.sendResponse(reply(221, "2.0.0", in.hostname + " closing connection").line());
            s.quit();
            return null;
        }));
        ours.add(new Verb("VRFY", ingress, (s, line, in) -> reply(252, "2.5.0", "Cannot VRFY; send the mail")));
        ours.add(new Verb("EXPN", ingress, (s, line, in) -> reply(502, "5.5.1", "EXPN not available")));
        ours.add(new Verb("BDAT", ingress, (s, line, in) -> reply(502, "5.5.1", "BDAT not available (no CHUNKING)")));
        ours.add(new Verb("HELP", ingress, (s, line, in) ->
                reply(214, "2.0.0", "t37gw off-ramp: mail to FAX=number@" + in.hostname + " is faxed")));
        ours.add(new Verb("AUTH", ingress, (s, line, in) -> auth(s, line, in, auth)));
        ours.add(new Verb("STARTTLS", ingress, (s, line, in) -> {
            if (!in.tlsConfigured) {
                return reply(454, "4.7.0", "TLS not available");
            }
            starttls.execute(line, s);
            if (s.isTLSStarted()) {
                // SubEthaSMTP's replies over TLS get their enhanced codes too
                s.setSocket(new ReplyCodes.CodedSocket(s.getSocket()));
            }
            return null;
        }));
        for (Command c : ours) {
            handler.addCommand(c);
        }
    }

    /** What one verb does: returns the reply to send, or null when it sent its own. */
    @FunctionalInterface
    interface Action {
        SmtpReply run(Session s, String line, Ingress in) throws IOException, DropConnectionException;
    }

    /** A verb with the accounting every command gets. */
    static final class Verb implements Command {
        private final String name;
        private final Ingress ingress;
        private final Action action;

        Verb(String name, Ingress ingress, Action action) {
            this.name = name;
            this.ingress = ingress;
            this.action = action;
        }

        @Override
        public void execute(String line, Session s) throws IOException, DropConnectionException {
            SessionGuard g = ingress.guard(s);
            if (++g.commands > ingress.limits.maxCommands()) {
                throw new DropConnectionException(421, "4.7.0 Too many commands, closing connection");
            }
            SmtpReply r;
            if (SmtpSyntax.hasControl(line)) {
                r = reply(501, "5.5.2", "Control character (NUL?) in command");
            } else {
                r = action.run(s, line, ingress);
            }
            g.lastCommandNanos = ingress.now();
            if (r != null) {
                s.sendResponse(r.line());
                if (r.code() >= 400) {
                    countError(g);
                }
            }
        }

        private void countError(SessionGuard g) throws DropConnectionException {
            if (++g.errors >= ingress.limits.maxErrors()) {
                throw new DropConnectionException(421, "4.7.0 Too many errors, closing connection");
            }
        }

        @Override
        public HelpMessage getHelp() {
            return new HelpMessage(name, "see RFC 5321");
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static SmtpReply reply(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, text);
    }

    // ------------------------------------------------------------------ verbs

    private static SmtpReply ehlo(Session s, String line, Ingress in) throws IOException {
        String[] args = SmtpSyntax.SPACES.split(line.trim());
        if (args.length != 2) {
            return reply(501, "5.5.4", "Syntax: EHLO hostname");
        }
        s.resetMailTransaction();
        s.setHelo(args[1]);
        List<String> ext = new ArrayList<>();
        ext.add(in.hostname + " greets " + args[1]);
        ext.add("SIZE " + in.limits.maxMessageSize());
        ext.add("8BITMIME");
        ext.add("PIPELINING");
        ext.add("ENHANCEDSTATUSCODES");
        ext.add("DSN");
        if (in.tlsConfigured && !s.isTLSStarted()) {
            ext.add("STARTTLS");
        }
        if (in.users != null && (!in.tlsConfigured || s.isTLSStarted())) {
            ext.add("AUTH PLAIN LOGIN");
        }
        ext.add("HELP");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ext.size(); i++) {
            sb.append(i > 0 ? "\r\n" : "").append("250").append(i == ext.size() - 1 ? ' ' : '-').append(ext.get(i));
        }
        s.sendResponse(sb.toString());
        return null;
    }

    private static SmtpReply helo(Session s, String line, Ingress in) {
        String[] args = SmtpSyntax.SPACES.split(line.trim());
        if (args.length != 2) {
            return reply(501, "5.5.4", "Syntax: HELO hostname");
        }
        s.resetMailTransaction();
        s.setHelo(args[1]);
        return reply(250, "2.0.0", in.hostname);
    }

    private static SmtpReply mail(Session s, String line, Ingress in) {
        if (s.getHelo().isEmpty()) {
            return reply(503, "5.5.1", "Send EHLO or HELO first");
        }
        if (s.isMailTransactionInProgress()) {
            return reply(503, "5.5.1", "Sender already specified");
        }
        Optional<SmtpSyntax.PathArgs> p = SmtpSyntax.parse(line, "FROM:");
        if (p.isEmpty()) {
            return reply(501, "5.5.2", "Syntax: MAIL FROM:<address> [parameters]");
        }
        s.startMailTransaction();
        try {
            ((OfframpTransaction) s.getMessageHandler()).mail(p.get().address(), p.get().params());
        } catch (SmtpRejection r) {
            s.resetMailTransaction();
            return r.reply();
        }
        return reply(250, "2.1.0", "Ok");
    }

    private static SmtpReply rcpt(Session s, String line, Ingress in) throws DropConnectionException {
        if (!s.isMailTransactionInProgress()) {
            return reply(503, "5.5.1", "Need MAIL before RCPT");
        }
        Optional<SmtpSyntax.PathArgs> p = SmtpSyntax.parse(line, "TO:");
        if (p.isEmpty()) {
            return reply(501, "5.5.2", "Syntax: RCPT TO:<address> [parameters]");
        }
        try {
            ((OfframpTransaction) s.getMessageHandler()).rcpt(p.get().address(), p.get().params());
        } catch (SmtpRejection r) {
            return r.reply();
        }
        s.addRecipient(p.get().address());
        return reply(250, "2.1.5", "Ok");
    }

    private static SmtpReply data(Session s, String line, Ingress in) throws IOException, DropConnectionException {
        if (!line.trim().equalsIgnoreCase("DATA")) {
            return reply(501, "5.5.4", "DATA takes no arguments");
        }
        if (!s.isMailTransactionInProgress()) {
            return reply(503, "5.5.1", "Need MAIL command");
        }
        if (s.getRecipientCount() == 0) {
            return reply(554, "5.5.1", "No valid recipients");
        }
        InputStream raw = s.getRawInput();
        if (raw.available() > 0) {
            // RFC 2920 §3.1: DATA ends a pipelined group; the message must wait for 354
            throw new DropConnectionException(554, "5.5.0 Improper pipelining: message sent before 354; closing");
        }
        OfframpTransaction tx = (OfframpTransaction) s.getMessageHandler();
        SmtpReply refused = tx.prepare();
        if (refused != null) {
            s.resetMailTransaction();
            return refused;
        }
        s.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        SessionGuard g = in.guard(s);
        g.dataStartNanos = in.now();
        try {
            return tx.receive(raw, s.isTLSStarted());
        } catch (SmtpRejection r) {
            if (r.dropConnection()) {
                throw new DropConnectionException(r.reply().code(), r.reply().enhanced() + " " + r.reply().text());
            }
            return r.reply();
        } finally {
            g.dataStartNanos = -1;
            s.resetMailTransaction();
        }
    }

    private static SmtpReply auth(Session s, String line, Ingress in, Command delegate)
            throws IOException, DropConnectionException {
        if (in.users == null) {
            return reply(502, "5.5.1", "AUTH not available");
        }
        if (in.tlsConfigured && !s.isTLSStarted()) {
            return reply(538, "5.7.11", "Encryption required: STARTTLS first");
        }
        if (s.isAuthenticated()) {
            return reply(503, "5.5.1", "Already authenticated");
        }
        if (s.isMailTransactionInProgress()) {
            return reply(503, "5.5.1", "AUTH not allowed during a mail transaction");
        }
        delegate.execute(line.replaceFirst("(?i)^auth", "AUTH"), s);
        if (!s.isAuthenticated()) {
            SessionGuard g = in.guard(s);
            if (++g.authFailures >= 3) {
                throw new DropConnectionException(421, "4.7.0 Too many authentication failures, closing");
            }
        }
        return null;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
