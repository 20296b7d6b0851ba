package org.t37gw.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.t37gw.dialpeer.DialPattern;
import org.t37gw.dialpeer.DialPeer;

/**
 * Stage two: applies the syntax tree's commands (through the {@link CommandTable} handlers) to mutable
 * drafts, then cross-checks them and builds the immutable {@link GatewayConfig}. The fields are the
 * drafts; handlers write them directly.
 */
final class Binder {

    final String file;
    final Diagnostics diag;
    final Set<String> applications;

    // hostname and fax interface-type
    String hostname = GatewayConfig.DEFAULT_HOSTNAME;
    FaxInterfaceType interfaceType = GatewayConfig.DEFAULT_INTERFACE_TYPE;

    // mta send
    final List<MtaSend.Server> servers = new ArrayList<>();
    String subject;
    MtaSend.WithSubject withSubject;
    String originPrefix;
    String postmaster;
    String mailFromUsername;
    String mailFromHostname;
    String returnReceiptToUsername;
    String returnReceiptToHostname;
    String filename;
    boolean filenameDate;
    boolean successFaxOnly;
    boolean attachPdf;
    MtaSend.Auth auth;
    MtaSend.Tls tls;
    String maildir;
    int maildirLine;

    // mta receive
    final List<String> aliases = new ArrayList<>();
    int maximumRecipients = MtaReceive.DEFAULT_MAXIMUM_RECIPIENTS;
    int maximumRecipientsLine;
    boolean generateMdn;
    boolean permanentError;
    boolean disableDsn;
    HostPort listen;
    int listenLine;
    String tlsCertificate;
    String tlsKey;
    String authUsersFile;
    final List<Cidr> relayNetworks = new ArrayList<>();

    // fax send / receive
    String transmittingSubscriber;
    int maxSpeed = FaxSend.DEFAULT_MAX_SPEED;
    String leftHeader;
    String centerHeader;
    String rightHeader;
    boolean coverEnable;
    String coverComment;
    boolean coverShowDetail;
    boolean coverEmailControllable;
    String calledSubscriber;
    /** Retry counts by cause; the {@code null} key is the line without a cause. */
    final Map<RetryPolicy.Cause, Integer> retries = new HashMap<>();
    /** Retry intervals by cause ({@code [interval, max or null]}); {@code null} key as above. */
    final Map<RetryPolicy.Cause, Duration[]> intervals = new HashMap<>();

    // blocks
    PortDraft port;
    PeerDraft peer;
    final List<PortDraft> ports = new ArrayList<>();
    final List<PeerDraft> peers = new ArrayList<>();

    /** How often each command was seen in the current scope, and its first line. */
    private final Map<Command, int[]> globalSeen = new HashMap<>();
    private Map<Command, int[]> blockSeen = new HashMap<>();

    Binder(String file, Diagnostics diag, Set<String> applications) {
        this.file = file;
        this.diag = diag;
        this.applications = applications;
    }

    /** A {@code voice-port} block under construction; {@code name == null} when its opener was bad. */
    static final class PortDraft {
        String name;
        final int line;
        PortDriver driver;
        int driverLine;

        PortDraft(int line) {
            this.line = line;
        }
    }

    /** A {@code dial-peer voice} block under construction; {@code kind == null} when its opener was bad. */
    static final class PeerDraft {
        int tag;
        DialPeer.Kind kind;
        final int line;
        String application;
        int applicationLine;
        boolean applicationOutbound;
        DialPattern destinationPattern;
        DialPattern incomingCalledNumber;
        DialPattern answerAddress;
        boolean directInwardDial;
        String port;
        int portLine;
        String prefix = "";
        Boolean digitStrip;
        int forwardDigits = DialPeer.FORWARD_DEFAULT;
        int preference;
        int maxConn;
        DialPeer.InformationType informationType;
        String sessionTarget;
        DialPeer.ImageEncoding imageEncoding;
        DialPeer.ImageResolution imageResolution;
        final Set<DialPeer.DsnNotify> dsn = EnumSet.noneOf(DialPeer.DsnNotify.class);
        boolean mdn;
        boolean shutdown;

        PeerDraft(int line) {
            this.line = line;
        }

        String title() {
            return "dial-peer voice " + tag;
        }
    }

    ConfigResult bind(List<ConfigNode> top) {
        for (ConfigNode n : top) {
            if (n.command().opens() == Scope.VOICE_PORT) {
                port = new PortDraft(n.line());
                blockSeen = new HashMap<>();
                apply(n);
                n.children().forEach(this::apply);
                ports.add(port);
                port = null;
            } else if (n.command().opens() == Scope.DIAL_PEER) {
                peer = new PeerDraft(n.line());
                blockSeen = new HashMap<>();
                apply(n);
                n.children().forEach(this::apply);
                peers.add(peer);
                peer = null;
            } else {
                apply(n);
            }
        }
        crossCheck();
        if (diag.hasErrors()) {
            return new ConfigResult(null, diag.errors(), diag.warnings());
        }
        return new ConfigResult(build(), diag.errors(), diag.warnings());
    }

    private void apply(ConfigNode n) {
        Command c = n.command();
        if (c.scope() == Scope.DIAL_PEER && peer.kind != null && !c.kinds().contains(peer.kind)) {
            diag.error(file, n.line(), "\"" + c.name() + "\" applies to " + kindNames(c.kinds()) + " dial-peers; "
                    + peer.title() + " is " + keyword(peer.kind));
            return;
        }
        Map<Command, int[]> seen = c.scope() == Scope.GLOBAL ? globalSeen : blockSeen;
        int[] s = seen.computeIfAbsent(c, k -> new int[] {0, n.line()});
        s[0]++;
        if (c.maxCount() == 1 && s[0] == 2) {
            diag.warning(file, n.line(), "\"" + c.name() + "\" given again (first at line " + s[1]
                    + "); this line replaces it");
        } else if (c.maxCount() > 1 && s[0] > c.maxCount()) {
            diag.error(file, n.line(), "more than " + c.maxCount() + " \"" + c.name() + "\" lines (first at line "
                    + s[1] + ")");
            return;
        }
        Args a = new Args(n, diag);
        try {
            c.handler().apply(this, a);
            a.end();
        } catch (Args.Fail f) {
            diag.error(file, n.line(), f.getMessage());
        }
    }

    static String keyword(DialPeer.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String kindNames(Set<DialPeer.Kind> kinds) {
        return kinds.size() == 1 ? keyword(kinds.iterator().next()) : "pots and mmoip";
    }

    // ----------------------------------------------------------------- cross checks

    private void crossCheck() {
        Map<String, PortDraft> byName = new LinkedHashMap<>();
        for (PortDraft p : ports) {
            if (p.name == null) {
                continue;
            }
            PortDraft first = byName.putIfAbsent(p.name, p);
            if (first != null) {
                diag.error(file, p.line, "voice-port " + p.name + " is defined twice (first at line " + first.line + ")");
            }
            if (p.driver == null && p.driverLine == 0) {
                diag.error(file, p.line, "voice-port " + p.name + " has no driver line");
            }
        }
        Map<String, PortDraft> resources = new HashMap<>();
        for (PortDraft p : byName.values()) {
            String res = resource(p.driver);
            if (res != null) {
                PortDraft other = resources.putIfAbsent(res, p);
                if (other != null) {
                    diag.error(file, p.driverLine, "voice-port " + p.name + " uses " + res + ", as voice-port "
                            + other.name + " does (line " + other.driverLine + ")");
                }
            }
            if (p.driver instanceof PortDriver.Loopback lb) {
                checkLoopback(p, lb, byName);
            }
        }
        Map<Integer, PeerDraft> byTag = new HashMap<>();
        for (PeerDraft d : peers) {
            if (d.kind == null) {
                continue;
            }
            PeerDraft first = byTag.putIfAbsent(d.tag, d);
            if (first != null) {
                diag.error(file, d.line, d.title() + " is defined twice (first at line " + first.line + ")");
            }
            if (d.port != null && !byName.containsKey(d.port)) {
                diag.error(file, d.portLine, "port " + d.port + ": no voice-port " + d.port + " is defined"
                        + portHint(d.port, byName));
            }
            if (d.kind == DialPeer.Kind.POTS && d.port == null && d.destinationPattern != null) {
                diag.warning(file, d.line, d.title() + " has a destination-pattern but no port: no call can be placed through it");
            }
            if (d.kind == DialPeer.Kind.MMOIP && d.destinationPattern != null && d.sessionTarget == null) {
                diag.warning(file, d.line, d.title() + " has a destination-pattern but no session target: its mail would have no recipient");
            }
        }
        boolean anyInbound = peers.stream().anyMatch(d -> d.kind == DialPeer.Kind.POTS && d.incomingCalledNumber != null);
        for (PortDraft p : byName.values()) {
            boolean named = peers.stream().anyMatch(d -> p.name.equals(d.port));
            if (!named && !anyInbound) {
                diag.warning(file, p.line, "voice-port " + p.name + " is not used: no pots dial-peer names it and none has an incoming called-number");
            }
        }
        globalWarnings();
    }

    /** "did you mean" for a mistyped voice-port name, else the list of defined ones. */
    private static String portHint(String name, Map<String, PortDraft> byName) {
        String hint = Suggest.hint(name, byName.keySet());
        if (!hint.isEmpty() || byName.isEmpty()) {
            return hint;
        }
        return "; defined: " + String.join(", ", byName.keySet());
    }

    /** What two ports must not share: a serial device, a UDP address, a JNI channel. */
    private static String resource(PortDriver d) {
        if (d instanceof PortDriver.Class1 c) {
            return "device " + c.device();
        } else if (d instanceof PortDriver.Class2 c) {
            return "device " + c.device();
        } else if (d instanceof PortDriver.Class20 c) {
            return "device " + c.device();
        } else if (d instanceof PortDriver.T38 t) {
            return "local address " + t.local();
        } else if (d instanceof PortDriver.Jni j) {
            return "library " + j.library() + " channel " + j.channel();
        }
        return null;
    }

    /** Checks that the peer exists and names this port back (unless its own error is reported). */
    private void checkLoopback(PortDraft p, PortDriver.Loopback lb, Map<String, PortDraft> byName) {
        PortDraft other = byName.get(lb.peerPort());
        if (lb.peerPort().equals(p.name)) {
            diag.error(file, p.driverLine, "voice-port " + p.name + ": driver loopback joins the port to itself");
        } else if (other == null) {
            diag.error(file, p.driverLine, "voice-port " + p.name + ": driver loopback names voice-port "
                    + lb.peerPort() + ", which is not defined" + portHint(lb.peerPort(), byName));
        } else if (other.driver != null && !(other.driver instanceof PortDriver.Loopback back
                && (back.peerPort().equals(p.name) || !byName.containsKey(back.peerPort())))) {
            diag.error(file, p.driverLine, "voice-port " + p.name + ": driver loopback joins voice-port "
                    + other.name + ", whose driver is not \"driver loopback " + p.name + "\" (line " + other.driverLine + ")");
        }
    }

    private void globalWarnings() {
        if (maximumRecipients == 0) {
            diag.warning(file, maximumRecipientsLine, "mta receive maximum-recipients 0 refuses all mail: the off-ramp will accept nothing");
        }
        if (maildir != null && !servers.isEmpty()) {
            diag.warning(file, maildirLine, "mta send maildir is set: the mta send server lines are not used");
        }
        boolean mailsOut = peers.stream().anyMatch(d -> d.kind == DialPeer.Kind.MMOIP && d.sessionTarget != null);
        if (mailsOut && maildir == null && servers.isEmpty()) {
            diag.warning(file, 0, "an mmoip dial-peer has a session target but there is neither \"mta send server\" nor \"mta send maildir\": on-ramp mail cannot be sent");
        }
        if (auth != null && tls == MtaSend.Tls.NONE) {
            diag.warning(file, 0, "mta send auth with mta send tls none sends the password in clear");
        }
        HostPort l = listen == null ? MtaReceive.DEFAULT_LISTEN : listen;
        boolean loopback = l.host().equals("localhost") || l.host().startsWith("127.") || l.bareHost().equals("::1");
        boolean offramp = peers.stream().anyMatch(d -> d.kind == DialPeer.Kind.MMOIP && d.incomingCalledNumber != null);
        if (offramp && !loopback && authUsersFile == null && relayNetworks.isEmpty()) {
            diag.warning(file, listenLine, "mta receive listens on " + l + " with neither \"mta receive auth users\" nor \"mta receive relay network\": anyone who reaches it can send faxes");
        }
    }

    // ----------------------------------------------------------------- build

    private GatewayConfig build() {
        MtaSend send = new MtaSend(servers, subject, withSubject, originPrefix, postmaster, mailFromUsername,
                mailFromHostname, returnReceiptToUsername, returnReceiptToHostname, filename, filenameDate,
                successFaxOnly, auth, tls, maildir, attachPdf);
        MtaReceive receive = new MtaReceive(aliases, maximumRecipients, generateMdn, permanentError, disableDsn,
                listen, tlsCertificate, tlsKey, authUsersFile, relayNetworks);
        FaxSend faxSend = new FaxSend(transmittingSubscriber, maxSpeed, leftHeader, centerHeader, rightHeader,
                new FaxSend.Coverpage(coverEnable, coverComment, coverShowDetail, coverEmailControllable),
                retryPolicy());
        List<VoicePort> vps = new ArrayList<>();
        for (PortDraft p : ports) {
            vps.add(new VoicePort(p.name, p.driver, file, p.line));
        }
        List<DialPeer> dps = new ArrayList<>();
        for (PeerDraft d : peers) {
            boolean pots = d.kind == DialPeer.Kind.POTS;
            dps.add(new DialPeer(d.tag, d.kind, d.application, d.applicationOutbound, d.destinationPattern,
                    d.incomingCalledNumber, d.answerAddress, d.directInwardDial, d.port, d.prefix,
                    d.digitStrip == null ? pots : d.digitStrip, d.forwardDigits, d.preference, d.maxConn,
                    d.informationType, d.sessionTarget, d.imageEncoding, d.imageResolution, d.dsn, d.mdn,
                    d.shutdown, file, d.line));
        }
        return new GatewayConfig(hostname, send, receive, faxSend, new FaxReceive(calledSubscriber), interfaceType,
                vps, dps, file);
    }

    private RetryPolicy retryPolicy() {
        RetryPolicy.Rule general = rule(null, null);
        Map<RetryPolicy.Cause, RetryPolicy.Rule> causes = new EnumMap<>(RetryPolicy.Cause.class);
        for (RetryPolicy.Cause c : RetryPolicy.Cause.values()) {
            causes.put(c, rule(c, general));
        }
        return new RetryPolicy(general, causes);
    }

    private RetryPolicy.Rule rule(RetryPolicy.Cause cause, RetryPolicy.Rule general) {
        int n = retries.getOrDefault(cause,
                general == null ? RetryPolicy.DEFAULT_RETRIES : general.retries());
        Duration[] iv = intervals.get(cause);
        if (iv == null) {
            return general == null
                    ? new RetryPolicy.Rule(n, RetryPolicy.DEFAULT_INTERVAL, RetryPolicy.DEFAULT_MAX_INTERVAL)
                    : new RetryPolicy.Rule(n, general.interval(), general.maxInterval());
        }
        Duration inheritedMax = general == null ? RetryPolicy.DEFAULT_MAX_INTERVAL : general.maxInterval();
        Duration max = iv[1] != null ? iv[1] : (inheritedMax.compareTo(iv[0]) < 0 ? iv[0] : inheritedMax);
        return new RetryPolicy.Rule(n, iv[0], max);
    }
}
