package org.t37gw.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.t37gw.dialpeer.DialPeer;

/** Writes a {@link GatewayConfig} back in config syntax, every setting with its effective value. */
final class ConfigRenderer {

    private ConfigRenderer() {
    }

    static String render(GatewayConfig c) {
        List<String> out = new ArrayList<>();
        out.add("! effective config from " + c.sourceFile());
        out.add("hostname " + c.hostname());
        out.add("fax interface-type " + c.interfaceType().keyword());
        out.add("!");
        MtaSend s = c.mtaSend();
        for (MtaSend.Server server : s.servers()) {
            out.add("mta send server " + server.host() + " port " + server.port());
        }
        opt(out, "mta send subject ", s.subject());
        switch (s.withSubject()) {
            case CALLED -> out.add("mta send with-subject $d$");
            case CALLING -> out.add("mta send with-subject $s$");
            case BOTH -> out.add("mta send with-subject both");
            default -> { }
        }
        opt(out, "mta send origin-prefix ", s.originPrefix());
        opt(out, "mta send postmaster ", s.postmaster());
        opt(out, "mta send mail-from hostname ", s.mailFromHostname());
        opt(out, "mta send mail-from username ", s.mailFromUsername());
        opt(out, "mta send return-receipt-to hostname ", s.returnReceiptToHostname());
        opt(out, "mta send return-receipt-to username ", s.returnReceiptToUsername());
        out.add("mta send filename " + s.filename() + (s.filenameDate() ? " date" : ""));
        flag(out, "mta send success-fax-only", s.successFaxOnly());
        flag(out, "mta send attach-pdf", s.attachPdf());
        if (s.auth() != null) {
            out.add("mta send auth " + s.auth().user() + " " + s.auth().password());
        }
        out.add("mta send tls " + lower(s.tls()));
        opt(out, "mta send maildir ", s.maildir());
        out.add("!");
        MtaReceive r = c.mtaReceive();
        for (String alias : r.aliases()) {
            out.add("mta receive aliases " + alias);
        }
        out.add("mta receive maximum-recipients " + r.maximumRecipients());
        flag(out, "mta receive generate mdn", r.generateMdn());
        flag(out, "mta receive generate permanent-error", r.permanentError());
        flag(out, "mta receive disable-dsn", r.disableDsn());
        out.add("mta receive listen " + r.listen().host() + " port " + r.listen().port());
        if (r.tlsCertificate() != null) {
            out.add("mta receive tls certificate " + r.tlsCertificate() + " key " + r.tlsKey());
        }
        opt(out, "mta receive auth users ", r.authUsersFile());
        for (Cidr n : r.relayNetworks()) {
            out.add("mta receive relay network " + n);
        }
        out.add("!");
        FaxSend f = c.faxSend();
        opt(out, "fax send transmitting-subscriber ", f.transmittingSubscriber());
        out.add("fax send max-speed " + f.maxSpeed());
        opt(out, "fax send left-header ", f.leftHeader());
        opt(out, "fax send center-header ", f.centerHeader());
        opt(out, "fax send right-header ", f.rightHeader());
        flag(out, "fax send coverpage enable", f.coverpage().enable());
        opt(out, "fax send coverpage comment ", f.coverpage().comment());
        flag(out, "fax send coverpage show-detail", f.coverpage().showDetail());
        flag(out, "fax send coverpage e-mail-controllable", f.coverpage().emailControllable());
        retry(out, "", f.retry().general());
        for (Map.Entry<RetryPolicy.Cause, RetryPolicy.Rule> e : sortedCauses(f.retry())) {
            if (!e.getValue().equals(f.retry().general())) {
                retry(out, e.getKey().keyword() + " ", e.getValue());
            }
        }
        opt(out, "fax receive called-subscriber ", c.faxReceive().calledSubscriber());
        for (VoicePort p : c.voicePorts()) {
            out.add("!");
            out.add("voice-port " + p.name());
            out.add(" " + p.driver().render());
        }
        for (DialPeer d : c.dialPeers()) {
            out.add("!");
            peer(out, d);
        }
        out.add("!");
        return String.join("\n", out) + "\n";
    }

    private static List<Map.Entry<RetryPolicy.Cause, RetryPolicy.Rule>> sortedCauses(RetryPolicy p) {
        List<Map.Entry<RetryPolicy.Cause, RetryPolicy.Rule>> l = new ArrayList<>(p.causes().entrySet());
        l.sort(Map.Entry.comparingByKey());
        return l;
    }

    private static void retry(List<String> out, String cause, RetryPolicy.Rule r) {
        out.add("fax send retries " + cause + r.retries());
        out.add("fax send retry-interval " + cause + r.interval().toSeconds() + " max " + r.maxInterval().toSeconds());
    }

    private static void peer(List<String> out, DialPeer d) {
        boolean pots = d.kind() == DialPeer.Kind.POTS;
        out.add("dial-peer voice " + d.tag() + " " + lower(d.kind()));
        if (d.application() != null) {
            out.add(" application " + d.application() + (d.applicationOutbound() ? " out-bound" : ""));
        }
        opt(out, " destination-pattern ", d.destinationPattern());
        opt(out, " incoming called-number ", d.incomingCalledNumber());
        opt(out, " answer-address ", d.answerAddress());
        if (pots) {
            flag(out, " direct-inward-dial", d.directInwardDial());
            opt(out, " port ", d.port());
            if (!d.prefix().isEmpty()) {
                out.add(" prefix " + d.prefix());
            }
            flag(out, " digit-strip", d.digitStrip());
            if (d.forwardDigits() != DialPeer.FORWARD_DEFAULT) {
                out.add(" forward-digits " + switch (d.forwardDigits()) {
                    case DialPeer.FORWARD_ALL -> "all";
                    case DialPeer.FORWARD_EXTRA -> "extra";
                    default -> String.valueOf(d.forwardDigits());
                });
            }
        }
        out.add(" preference " + d.preference());
        out.add(d.maxConn() == 0 ? " no max-conn" : " max-conn " + d.maxConn());
        if (!pots) {
            out.add(" information-type " + lower(d.informationType()));
            opt(out, " session target ", d.sessionTarget());
            out.add(" image encoding " + lower(d.imageEncoding()));
            out.add(" image resolution " + lower(d.imageResolution()));
            List<String> dsn = new ArrayList<>();
            for (DialPeer.DsnNotify n : DialPeer.DsnNotify.values()) {
                if (d.dsn().contains(n)) {
                    dsn.add(lower(n));
                }
            }
            out.add(" dsn " + String.join(" ", dsn));
            flag(out, " mdn", d.mdn());
        }
        flag(out, " shutdown", d.shutdown());
    }

    private static void opt(List<String> out, String prefix, Object value) {
        if (value != null) {
            out.add(prefix + value);
        }
    }

    /** {@code name} or {@code no name} (leading blanks kept in front of {@code no}). */
    private static void flag(List<String> out, String name, boolean on) {
        String indent = name.startsWith(" ") ? " " : "";
        out.add(on ? name : indent + "no " + name.strip());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
