package org.t37gw.config;

import static org.t37gw.config.Scope.DIAL_PEER;
import static org.t37gw.config.Scope.GLOBAL;
import static org.t37gw.config.Scope.VOICE_PORT;
import static org.t37gw.dialpeer.DialPeer.Kind.MMOIP;
import static org.t37gw.dialpeer.DialPeer.Kind.POTS;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import org.t37gw.dialpeer.DialPattern;
import org.t37gw.dialpeer.DialPeer;

/**
 * The one table of every config command: words, argument syntax, help, default, where it stands, and
 * the handler that gives it meaning. The parser ({@link ConfigSyntax}), the binder ({@link Binder}) and
 * the reference doc ({@link ConfigReference}) all read it. Names and meanings follow Cisco IOS T.37
 * where IOS has the command.
 */
final class CommandTable {

    private CommandTable() {
    }

    private static final List<String> CAUSES = List.of("busy", "no-answer", "training", "dropped");

    static final List<Command> COMMANDS = List.of(
            // ------------------------------------------------------------------ global
            cmd(GLOBAL, "hostname", "NAME", GatewayConfig.DEFAULT_HOSTNAME,
                    "The gateway's host name: used in the SMTP banner and `Received:` headers, and as the local mail "
                            + "domain when there is no `mta receive aliases`.",
                    (b, a) -> b.hostname = a.word("host name", Checks::hostName)),
            cmd(GLOBAL, "fax interface-type", "fax-mail|modem|vfc", "fax-mail",
                    "Which resources handle fax. `fax-mail` (store-and-forward on the voice ports) is what t37gw does; "
                            + "`vfc` is IOS's older name for it; `modem` is accepted for IOS compatibility and means the same.",
                    (b, a) -> b.interfaceType = switch (a.choice("interface type", List.of("fax-mail", "modem", "vfc"))) {
                        case "modem" -> FaxInterfaceType.MODEM;
                        case "vfc" -> FaxInterfaceType.VFC;
                        default -> FaxInterfaceType.FAX_MAIL;
                    }),

            // ------------------------------------------------------------------ mta send
            cmd(GLOBAL, "mta send server", "HOST [port PORT]", "none (port 25)",
                    "An SMTP server for on-ramp mail, DSNs and MDNs. Up to 10 lines; tried in the order written "
                            + "(failover, not load sharing). HOST is an IP address or a host name; MX records are not used.",
                    (b, a) -> {
                        String host = a.word("host", Checks::host);
                        int port = a.accept("port") ? a.port() : MtaSend.DEFAULT_PORT;
                        b.servers.add(new MtaSend.Server(host, port));
                    }).max(MtaSend.MAX_SERVERS),
            cmd(GLOBAL, "mta send subject", "TEXT", "none",
                    "Subject of on-ramp mail (the rest of the line). May hold `$s$` (calling number), `$d$` (called "
                            + "number), `$p$` (pages), `$a$` (date), `$t$` (time).",
                    (b, a) -> b.subject = a.text("subject", t -> Checks.macros(t, Checks.HEADER_MACROS, "mta send subject"))),
            cmd(GLOBAL, "mta send with-subject", "$d$|$s$|both", "none",
                    "Puts the called number (`$d$`), the calling number (`$s$`) or `both` into the Subject.",
                    (b, a) -> b.withSubject = switch (a.choice("value", List.of("$d$", "$s$", "both"))) {
                        case "$d$" -> MtaSend.WithSubject.CALLED;
                        case "$s$" -> MtaSend.WithSubject.CALLING;
                        default -> MtaSend.WithSubject.BOTH;
                    }),
            cmd(GLOBAL, "mta send origin-prefix", "TEXT", "none",
                    "Text added to the `Received:` header of on-ramp mail, together with the voice-port.",
                    (b, a) -> b.originPrefix = a.text("text")),
            cmd(GLOBAL, "mta send postmaster", "ADDRESS", "none",
                    "Where DSNs and MDNs go when `mta send mail-from` or the server is not set.",
                    (b, a) -> b.postmaster = a.word("e-mail address", Checks::email)),
            cmd(GLOBAL, "mta send mail-from hostname", "NAME", "none",
                    "Domain of the envelope sender (Return-Path) of on-ramp mail; DSNs go back to it.",
                    (b, a) -> b.mailFromHostname = a.word("host name", Checks::mailDomain)),
            cmd(GLOBAL, "mta send mail-from username", "NAME|$s$", "none",
                    "User part of the envelope sender; `$s$` = the calling number (ANI).",
                    (b, a) -> b.mailFromUsername = a.word("user name", Checks::username)),
            cmd(GLOBAL, "mta send return-receipt-to hostname", "NAME", "none",
                    "Domain of the `Disposition-Notification-To:` address (where MDNs go).",
                    (b, a) -> b.returnReceiptToHostname = a.word("host name", Checks::mailDomain)),
            cmd(GLOBAL, "mta send return-receipt-to username", "NAME|$s$", "none",
                    "User part of the `Disposition-Notification-To:` address; `$s$` = the calling number.",
                    (b, a) -> b.returnReceiptToUsername = a.word("user name", Checks::username)),
            cmd(GLOBAL, "mta send return-receipt-to $s$", "", "none",
                    "Same as `mta send return-receipt-to username $s$`.",
                    (b, a) -> b.returnReceiptToUsername = "$s$"),
            cmd(GLOBAL, "mta send filename", "[NAME] [date]", MtaSend.DEFAULT_FILENAME + ".tif",
                    "Name of the TIFF attachment, without `.tif`; `date` appends `_yyyymmdd`. IOS's default is "
                            + "`Cisco_fax`.",
                    (b, a) -> {
                        String name = MtaSend.DEFAULT_FILENAME;
                        if (a.hasMore() && !a.peek().equalsIgnoreCase("date")) {
                            name = a.word("file name", Checks::fileName);
                            if (name.toLowerCase(Locale.ROOT).endsWith(".tif")) {
                                name = name.substring(0, name.length() - 4);
                            }
                        }
                        b.filename = name;
                        b.filenameDate = a.accept("date");
                    }),
            flag(GLOBAL, "mta send success-fax-only", "off",
                    "Mail only faxes received completely; failed or partial faxes are dropped.",
                    (b, v) -> b.successFaxOnly = v),
            flag(GLOBAL, "mta send attach-pdf", "off",
                    "Attach a PDF of each received fax beside its TIFF-F file (same base name, `.pdf`), for "
                            + "recipients without a TIFF viewer. Not in IOS.",
                    (b, v) -> b.attachPdf = v),
            cmd(GLOBAL, "mta send auth", "USER PASSWORD", "none",
                    "SMTP AUTH (PLAIN or LOGIN) credentials for the `mta send server`s. The password prints as "
                            + "`[hidden]`. Not in IOS.",
                    (b, a) -> {
                        String user = a.word("user");
                        b.auth = new MtaSend.Auth(user, new Secret(a.word("password")));
                    }),
            cmd(GLOBAL, "mta send tls", "none|starttls|required", "starttls",
                    "TLS to the `mta send server`s: `none` never; `starttls` when the server offers it; `required` "
                            + "STARTTLS or the delivery fails (temporarily). Not in IOS.",
                    (b, a) -> b.tls = MtaSend.Tls.valueOf(
                            a.choice("mode", List.of("none", "starttls", "required")).toUpperCase(Locale.ROOT))),
            cmd(GLOBAL, "mta send maildir", "PATH", "none (SMTP)",
                    "Deliver every outgoing mail into this Maildir instead of SMTP (the embedded default does). A "
                            + "relative PATH is relative to the state directory (`--state`). Not in IOS.",
                    (b, a) -> {
                        b.maildir = a.text("path");
                        b.maildirLine = a.line();
                    }),

            // ------------------------------------------------------------------ mta receive
            cmd(GLOBAL, "mta receive aliases", "NAME", "the hostname",
                    "A domain accepted as local by the off-ramp SMTP server: a host name or `[a.b.c.d]`. Up to 10 "
                            + "lines; the first is used in the banner and `Received:`.",
                    (b, a) -> b.aliases.add(a.word("domain", Checks::mailDomain))).max(MtaReceive.MAX_ALIASES),
            cmd(GLOBAL, "mta receive maximum-recipients", "0-1024",
                    String.valueOf(MtaReceive.DEFAULT_MAXIMUM_RECIPIENTS),
                    "Most recipients accepted in one SMTP transaction; 0 refuses all mail. IOS's default is 0, the "
                            + "classic reason an off-ramp accepts nothing; ours is 10.",
                    (b, a) -> {
                        b.maximumRecipients = a.integer("number", 0, MtaReceive.MAX_RECIPIENTS_LIMIT);
                        b.maximumRecipientsLine = a.line();
                    }),
            flag(GLOBAL, "mta receive generate mdn", "off",
                    "Send an MDN (RFC 8098) when an off-ramp fax was delivered and the mail asked for one "
                            + "(`Disposition-Notification-To:`).",
                    (b, v) -> b.generateMdn = v),
            flag(GLOBAL, "mta receive generate permanent-error", "off",
                    "Report every fax delivery failure as permanent, with a descriptive status, so the sending MTA "
                            + "does not retry.",
                    (b, v) -> b.permanentError = v),
            flag(GLOBAL, "mta receive disable-dsn", "off",
                    "Send no DSNs for off-ramp mail.",
                    (b, v) -> b.disableDsn = v),
            cmd(GLOBAL, "mta receive listen", "ADDRESS [port PORT]", "0.0.0.0 port 25",
                    "Address and port of the off-ramp SMTP server. Not in IOS.",
                    (b, a) -> {
                        String host = a.word("address", Checks::host);
                        int port = a.accept("port") ? a.port() : MtaReceive.DEFAULT_LISTEN.port();
                        b.listen = new HostPort(host, port);
                        b.listenLine = a.line();
                    }),
            cmd(GLOBAL, "mta receive tls certificate", "FILE key FILE", "none (no STARTTLS)",
                    "PEM certificate chain and private key: the off-ramp SMTP server offers STARTTLS. Relative "
                            + "paths are relative to the config file's directory. Not in IOS.",
                    (b, a) -> {
                        b.tlsCertificate = a.word("certificate file");
                        a.expect("key");
                        b.tlsKey = a.word("key file");
                    }),
            cmd(GLOBAL, "mta receive auth users", "FILE", "none",
                    "File of `user:hash` lines (hashed passwords) for SMTP AUTH on the off-ramp SMTP server; "
                            + "clients outside the relay networks must authenticate. Relative paths as for "
                            + "`mta receive tls`. Not in IOS.",
                    (b, a) -> b.authUsersFile = a.word("file")),
            cmd(GLOBAL, "mta receive relay network", "CIDR", "none",
                    "Clients in this network (e.g. `192.0.2.0/24`) may submit mail without SMTP AUTH. Repeatable. "
                            + "With neither this nor `mta receive auth users`, every client that reaches the listen "
                            + "address is accepted. Not in IOS.",
                    (b, a) -> {
                        String w = a.word("network");
                        b.relayNetworks.add(a.check(() -> Cidr.parse(w)));
                        if (Cidr.hasHostBits(w)) {
                            a.warn("mta receive relay network " + w + " has host bits set; it means "
                                    + Cidr.parse(w));
                        }
                    }).max(0),

            // ------------------------------------------------------------------ fax send / receive
            cmd(GLOBAL, "fax send transmitting-subscriber", "$s$|TEXT", "none",
                    "TSI the off-ramp shows the far fax machine: `$s$` (the mail sender's number) or up to 20 characters.",
                    (b, a) -> b.transmittingSubscriber = a.text("TSI",
                            t -> Checks.subscriberId(t, "$s$", "fax send transmitting-subscriber"))),
            cmd(GLOBAL, "fax send max-speed", "2400|4800|7200|9600|12000|14400",
                    String.valueOf(FaxSend.DEFAULT_MAX_SPEED),
                    "Highest modem speed (bit/s) the off-ramp offers.",
                    (b, a) -> b.maxSpeed = Integer.parseInt(
                            a.choice("speed", List.of("2400", "4800", "7200", "9600", "12000", "14400")))),
            header("left-header", (b, t) -> b.leftHeader = t),
            header("center-header", (b, t) -> b.centerHeader = t),
            header("right-header", (b, t) -> b.rightHeader = t),
            flag(GLOBAL, "fax send coverpage enable", "off",
                    "Send a cover page before text mails (never before TIFF attachments).",
                    (b, v) -> b.coverEnable = v),
            cmd(GLOBAL, "fax send coverpage comment", "TEXT", "none",
                    "Title text on the cover page.",
                    (b, a) -> b.coverComment = a.text("comment")),
            flag(GLOBAL, "fax send coverpage show-detail", "off",
                    "Print all mail headers on the cover page.",
                    (b, v) -> b.coverShowDetail = v),
            flag(GLOBAL, "fax send coverpage e-mail-controllable", "off",
                    "Honour `/cover=yes` and `/cover=no` in the `FAX=` address.",
                    (b, v) -> b.coverEmailControllable = v),
            cmd(GLOBAL, "fax send retries", "[busy|no-answer|training|dropped] 0-100",
                    RetryPolicy.DEFAULT_RETRIES + " (every cause)",
                    "How often the off-ramp redials after a failed call. With a cause, for that cause only: `busy`; "
                            + "`no-answer` (no answer, or no fax answer tone); `training` (phase B: DIS/DCS/TCF "
                            + "failed); `dropped` (the call ended during pages). A cause without a line of its own "
                            + "uses the line without a cause. Permanent failures are never retried. Not in IOS (IOS "
                            + "leaves retrying to the sending MTA).",
                    (b, a) -> {
                        RetryPolicy.Cause cause = cause(a);
                        b.retries.put(cause, a.integer("retries", 0, RetryPolicy.MAX_RETRIES));
                    }).max(0),
            cmd(GLOBAL, "fax send retry-interval", "[busy|no-answer|training|dropped] SECONDS [max SECONDS]",
                    RetryPolicy.DEFAULT_INTERVAL.toSeconds() + " max " + RetryPolicy.DEFAULT_MAX_INTERVAL.toSeconds(),
                    "Delay before the first retry; each further retry waits twice as long as the one before, up to "
                            + "`max` (exponential backoff). Without `max`, the longer of 3600 and SECONDS. Causes as "
                            + "for `fax send retries`. Seconds 1-604800. Not in IOS.",
                    (b, a) -> {
                        RetryPolicy.Cause cause = cause(a);
                        int s = a.integer("seconds", 1, RetryPolicy.MAX_INTERVAL_SECONDS);
                        Duration max = null;
                        if (a.accept("max")) {
                            int m = a.integer("max seconds", 1, RetryPolicy.MAX_INTERVAL_SECONDS);
                            if (m < s) {
                                throw new Args.Fail("fax send retry-interval: max " + m + " is shorter than the interval " + s);
                            }
                            max = Duration.ofSeconds(m);
                        }
                        b.intervals.put(cause, new Duration[] {Duration.ofSeconds(s), max});
                    }).max(0),
            cmd(GLOBAL, "fax receive called-subscriber", "$d$|TEXT", "none",
                    "CSI the on-ramp shows the calling fax machine: `$d$` (the called number) or up to 20 characters.",
                    (b, a) -> b.calledSubscriber = a.text("CSI",
                            t -> Checks.subscriberId(t, "$d$", "fax receive called-subscriber"))),

            // ------------------------------------------------------------------ voice-port
            cmd(GLOBAL, "voice-port", "NAME", "",
                    "Opens a voice-port block: one fax line. It holds exactly one `driver` line.",
                    (b, a) -> b.port.name = a.word("voice-port name", Checks::voicePortName)).opening(VOICE_PORT).max(0),
            driver("class1", "DEVICE", "A Class 1 (EIA-578) fax modem on a serial DEVICE, e.g. `/dev/ttyUSB0`.",
                    a -> new PortDriver.Class1(a.word("device"))),
            driver("class2", "DEVICE", "A Class 2 (EIA-592) fax modem on a serial DEVICE.",
                    a -> new PortDriver.Class2(a.word("device"))),
            driver("class2.0", "DEVICE", "A Class 2.0 (ITU-T T.32) fax modem on a serial DEVICE.",
                    a -> new PortDriver.Class20(a.word("device"))),
            driver("t38", "local HOST:PORT remote HOST:PORT [called-number NUMBER]",
                    "One T.38 (UDPTL over UDP) channel with a fixed peer. T.38 packets arriving while the port is "
                            + "idle are an incoming call for NUMBER; dialing out starts a call to the peer.",
                    a -> {
                        a.expect("local");
                        HostPort local = a.word("local HOST:PORT", Checks::hostPort);
                        a.expect("remote");
                        HostPort remote = a.word("remote HOST:PORT", Checks::hostPort);
                        String called = a.accept("called-number") ? a.word("called number", Checks::dialString) : null;
                        return new PortDriver.T38(local, remote, called);
                    }),
            driver("loopback", "PEER [called-number NUMBER]",
                    "An in-JVM line to voice-port PEER of this gateway, which names this port back. A call placed "
                            + "on one rings the other, presenting NUMBER (if set) or the dialed digits.",
                    a -> {
                        String peer = a.word("peer voice-port", Checks::voicePortName);
                        String called = a.accept("called-number") ? a.word("called number", Checks::dialString) : null;
                        return new PortDriver.Loopback(peer, called);
                    }),
            driver("jni", "LIBRARY [channel 0-1023]", "A DSP board channel through the native LIBRARY (default channel 0).",
                    a -> {
                        String lib = a.word("library");
                        int channel = a.accept("channel") ? a.integer("channel", 0, 1023) : 0;
                        return new PortDriver.Jni(lib, channel);
                    }),

            // ------------------------------------------------------------------ dial-peer
            cmd(GLOBAL, "dial-peer voice", "TAG pots|mmoip", "",
                    "Opens a dial-peer block. TAG 1-2147483647, unique. `pots` peers are telephony legs (a "
                            + "voice-port), `mmoip` peers are mail legs.",
                    (b, a) -> {
                        int tag = a.integer("tag", 1, Integer.MAX_VALUE);
                        String kind = a.choice("dial-peer kind", List.of("pots", "mmoip"));
                        b.peer.tag = tag;
                        b.peer.kind = kind.equals("pots") ? POTS : MMOIP;
                    }).opening(DIAL_PEER).max(0),
            cmd(DIAL_PEER, "application", "NAME [out-bound]", "none",
                    "The application that handles calls matched by this peer: `fax_on_vfc_onramp_app` (fax to mail) "
                            + "or `fax_on_vfc_offramp_app` (mail to fax). `out-bound` marks an on-ramp mmoip peer.",
                    (b, a) -> {
                        String name = a.word("application name");
                        if (!b.applications.contains(name)) {
                            String hint = Suggest.hint(name, b.applications);
                            throw new Args.Fail("unknown application \"" + name + "\"" + (hint.isEmpty()
                                    ? "; known: " + String.join(", ", new java.util.TreeSet<>(b.applications)) : hint));
                        }
                        b.peer.application = name;
                        b.peer.applicationLine = a.line();
                        b.peer.applicationOutbound = a.accept("out-bound");
                    }),
            cmd(DIAL_PEER, "destination-pattern", "PATTERN", "none",
                    "Numbers this peer places calls to (outbound match). Digits, `.` any digit, `T` any further "
                            + "digits, `[0-9]` ranges, leading `+`.",
                    (b, a) -> b.peer.destinationPattern = pattern(a)),
            cmd(DIAL_PEER, "incoming called-number", "PATTERN", "none",
                    "Called numbers (DNIS; for mmoip the number of the `FAX=` address) this peer answers (inbound match).",
                    (b, a) -> b.peer.incomingCalledNumber = pattern(a)),
            cmd(DIAL_PEER, "answer-address", "PATTERN", "none",
                    "Calling numbers (ANI) this peer answers, for an inbound match on the caller.",
                    (b, a) -> b.peer.answerAddress = pattern(a)),
            flag(DIAL_PEER, "direct-inward-dial", "off",
                    "Take the called number of an incoming call as the destination (no second dial tone).",
                    (b, v) -> b.peer.directInwardDial = v).only(POTS),
            cmd(DIAL_PEER, "port", "VOICE-PORT", "none",
                    "The voice-port a pots peer places its calls on; it must be defined.",
                    (b, a) -> {
                        b.peer.port = a.word("voice-port name", Checks::voicePortName);
                        b.peer.portLine = a.line();
                    }).only(POTS),
            cmd(DIAL_PEER, "prefix", "DIGITS", "none",
                    "Digits dialed before the number (`,` = one-second pause).",
                    (b, a) -> b.peer.prefix = a.word("digits", Checks::prefix)).only(POTS),
            flag(DIAL_PEER, "digit-strip", "on",
                    "Strip the explicitly matched digits of the destination-pattern before dialing (IOS default on "
                            + "for pots; `no digit-strip` dials them).",
                    (b, v) -> b.peer.digitStrip = v).only(POTS),
            cmd(DIAL_PEER, "forward-digits", "0-32|all|extra", "none (digit-strip decides)",
                    "How many trailing digits to dial: N, `all`, or `extra` (those beyond the pattern's length).",
                    (b, a) -> {
                        String w = a.word("number, all or extra");
                        b.peer.forwardDigits = switch (w.toLowerCase(Locale.ROOT)) {
                            case "all" -> DialPeer.FORWARD_ALL;
                            case "extra" -> DialPeer.FORWARD_EXTRA;
                            default -> a.check(() -> Checks.integer(w, "forward-digits", 0, 32));
                        };
                    }).only(POTS),
            cmd(DIAL_PEER, "preference", "0-10", "0",
                    "Order among peers matching equally long: lower first.",
                    (b, a) -> b.peer.preference = a.integer("preference", 0, 10)),
            cmd(DIAL_PEER, "max-conn", "1-2147483647", "unlimited",
                    "Most simultaneous calls through this peer; `no max-conn` = unlimited.",
                    (b, a) -> b.peer.maxConn = a.negated() ? 0 : a.integer("connections", 1, Integer.MAX_VALUE))
                    .withNo(),
            cmd(DIAL_PEER, "information-type", "fax|voice|video", "voice",
                    "Kind of traffic; fax peers say `fax`.",
                    (b, a) -> b.peer.informationType = DialPeer.InformationType.valueOf(
                            a.choice("information type", List.of("fax", "voice", "video")).toUpperCase(Locale.ROOT)))
                    .only(MMOIP),
            cmd(DIAL_PEER, "session target", "mailto:NAME[@DOMAIN]", "none",
                    "Recipient of on-ramp mail. NAME may hold `$d$` (called number), `$m$` (redirecting number, "
                            + "else called) and `$e$` (address from the application).",
                    (b, a) -> b.peer.sessionTarget = a.word("mailto: target", Checks::mailto)).only(MMOIP),
            cmd(DIAL_PEER, "image encoding", "mh|mr|mmr|passthrough", "passthrough",
                    "Compression of the TIFF the on-ramp mails; `mh` is the RFC 3965 minimum set every "
                            + "receiver reads, `passthrough` keeps what the fax machine sent.",
                    (b, a) -> b.peer.imageEncoding = DialPeer.ImageEncoding.valueOf(
                            a.choice("encoding", List.of("mh", "mr", "mmr", "passthrough")).toUpperCase(Locale.ROOT)))
                    .only(MMOIP),
            cmd(DIAL_PEER, "image resolution", "standard|fine|superfine|passthrough", "passthrough",
                    "Resolution of the TIFF the on-ramp mails (the off-ramp always sends what the document has).",
                    (b, a) -> b.peer.imageResolution = DialPeer.ImageResolution.valueOf(a.choice("resolution",
                            List.of("standard", "fine", "superfine", "passthrough")).toUpperCase(Locale.ROOT)))
                    .only(MMOIP),
            cmd(DIAL_PEER, "dsn", "delay|success|failure ...", "failure",
                    "DSNs the on-ramp asks for (`RCPT TO ... NOTIFY=`). One or more per line, repeatable; once any "
                            + "`dsn` line is given only the listed ones are asked for.",
                    (b, a) -> {
                        do {
                            b.peer.dsn.add(DialPeer.DsnNotify.valueOf(
                                    a.choice("notification", List.of("delay", "success", "failure")).toUpperCase(Locale.ROOT)));
                        } while (a.hasMore());
                    }).only(MMOIP).max(0),
            flag(DIAL_PEER, "mdn", "off",
                    "Ask for an MDN (`Disposition-Notification-To:`) on on-ramp mail.",
                    (b, v) -> b.peer.mdn = v).only(MMOIP),
            flag(DIAL_PEER, "shutdown", "off",
                    "The peer stays in the config but is never matched.",
                    (b, v) -> b.peer.shutdown = v),

            // ------------------------------------------------------------------ any block
            new Command(Scope.ANY_BLOCK, List.of("exit"), "", "Closes the current block.", "", false, null,
                    Set.of(POTS, MMOIP), 0, (b, a) -> { })
    );

    private static Command cmd(Scope scope, String words, String args, String dflt, String help, Command.Handler h) {
        return new Command(scope, List.of(words.split(" ")), args, help, dflt, false, null, Set.of(POTS, MMOIP), 1, h);
    }

    /** A command without arguments that turns something on; {@code no COMMAND} turns it off. */
    private static Command flag(Scope scope, String words, String dflt, String help, BiConsumer<Binder, Boolean> set) {
        return cmd(scope, words, "", dflt, help, (b, a) -> set.accept(b, !a.negated())).withNo();
    }

    private static Command header(String which, BiConsumer<Binder, String> set) {
        return cmd(GLOBAL, "fax send " + which, "TEXT", "none",
                "Text of the " + which.substring(0, which.indexOf('-')) + " part of the header line on pages "
                        + "rendered from text mails (TIFF is sent unchanged): `$a$` date, `$d$` destination, `$p$` "
                        + "page count, `$s$` sender, `$t$` time, and other text. Too long text is cut.",
                (b, a) -> set.accept(b, a.text("header text",
                        t -> Checks.macros(t, Checks.HEADER_MACROS, "fax send " + which))));
    }

    private interface DriverReader {
        PortDriver read(Args a);
    }

    private static Command driver(String kind, String args, String help, DriverReader reader) {
        return new Command(VOICE_PORT, List.of("driver", kind), args, help, "", false, null, Set.of(POTS, MMOIP), 0,
                (b, a) -> {
                    if (b.port.driver != null) {
                        throw new Args.Fail("voice-port " + b.port.name + " has a driver already (line "
                                + b.port.driverLine + "); a voice-port has one driver");
                    }
                    b.port.driverLine = a.line();
                    PortDriver d = reader.read(a);
                    a.end();
                    b.port.driver = d;
                });
    }

    private static DialPattern pattern(Args a) {
        String w = a.word("pattern");
        try {
            return DialPattern.parse(w);
        } catch (IllegalArgumentException e) {
            throw new Args.Fail(a.name() + ": " + e.getMessage());
        }
    }

    /** An optional leading cause keyword of the retry commands; {@code null} = none. */
    private static RetryPolicy.Cause cause(Args a) {
        String w = a.peek();
        if (w == null || w.matches("-?[0-9]+")) {
            return null;
        }
        String c = a.choiceOf(a.word("cause"), "cause", CAUSES);
        return RetryPolicy.Cause.values()[CAUSES.indexOf(c)];
    }
}
