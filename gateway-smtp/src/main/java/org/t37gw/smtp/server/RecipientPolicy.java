package org.t37gw.smtp.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.t37gw.config.Cidr;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.dialpeer.InboundMatch;
import org.t37gw.dialpeer.OutboundRoute;
import org.t37gw.smtp.address.FaxAddress;
import org.t37gw.smtp.address.FaxAddressParse;
import org.t37gw.smtp.address.FaxAddressParser;

/**
 * Decides {@code RCPT TO} for the off-ramp: pure (no I/O, no clock), so every rule is a unit test.
 *
 * <p>Checks, in this order; the first that fails gives the reply:
 * <ol>
 *   <li>recipients so far &lt; {@code mta receive maximum-recipients}: else {@code 452 4.5.3} (0 configured:
 *       {@code 550 5.5.3}, the gateway takes no mail);</li>
 *   <li>the domain is one of the local domains ({@code mta receive aliases}, else {@code hostname}):
 *       else {@code 554 5.7.1} relay access denied;</li>
 *   <li>the client may send: its address is in a {@code mta receive relay network}, or it authenticated;
 *       with neither relay networks nor an auth users file configured, every client may (the documented
 *       meaning of those commands): else {@code 554 5.7.1};</li>
 *   <li>the local part is a fax address (RFC 3192): not {@code FAX=} is {@code 550 5.1.1}, bad syntax
 *       {@code 553 5.1.3};</li>
 *   <li>toll fraud: the number is not on the {@link DenyList}; it matches the {@code incoming called-number}
 *       of an MMoIP dial-peer whose application is {@value #OFFRAMP_APP}; a POTS dial-peer would dial it, and
 *       its dial string is not on the deny list either: else {@code 554 5.7.1}.</li>
 * </ol>
 * Rate limits and the spool's free space are checked by the caller, which owns time and I/O.
 */
public final class RecipientPolicy {

    /** The off-ramp application name of Cisco IOS. */
    public static final String OFFRAMP_APP = "fax_on_vfc_offramp_app";

    /**
     * The policy's settings.
     *
     * @param localDomains   domains accepted as local, compared case-insensitively
     * @param maxRecipients  {@code mta receive maximum-recipients}
     * @param relayNetworks  {@code mta receive relay network}
     * @param authConfigured whether an auth users file is configured
     * @param denyList       prefixes never dialled
     */
    public record Settings(List<String> localDomains, int maxRecipients, List<Cidr> relayNetworks,
                           boolean authConfigured, DenyList denyList) {
        public Settings {
            localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
            relayNetworks = List.copyOf(relayNetworks);
            Objects.requireNonNull(denyList, "denyList");
            if (maxRecipients < 0) {
                throw new IllegalArgumentException("maxRecipients < 0");
            }
        }

        /** Whether any client may send (no relay networks, no auth configured). */
        public boolean open() {
            return relayNetworks.isEmpty() && !authConfigured;
        }
    }

    /**
     * One {@code RCPT TO} to decide.
     *
     * @param address       the path as received, without angle brackets
     * @param client        the client's IP address
     * @param authUser      the authenticated user, or {@code null}
     * @param acceptedSoFar recipients already accepted in this transaction
     */
    public record Request(String address, InetAddress client, String authUser, int acceptedSoFar) {
        public Request {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(client, "client");
        }
    }

    private final Settings settings;
    private final Supplier<DialPeerTable> dialPeers;

    /**
     * @param settings  the settings
     * @param dialPeers the dial-peers in force (a supplier, so a config reload is seen by the next RCPT)
     */
    public RecipientPolicy(Settings settings, Supplier<DialPeerTable> dialPeers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dialPeers = Objects.requireNonNull(dialPeers, "dialPeers");
    }

    public Settings settings() {
        return settings;
    }

    /** Whether {@code client} is in a relay network. */
    public boolean inRelayNetwork(InetAddress client) {
        for (Cidr c : settings.relayNetworks()) {
            if (c.contains(client)) {
                return true;
            }
        }
        return false;
    }

    /** Decides one recipient. */
    public RcptDecision check(Request r) {
        if (settings.maxRecipients() == 0) {
            return reject(550, "5.5.3", "this gateway accepts no mail (maximum-recipients 0)");
        }
        if (r.acceptedSoFar() >= settings.maxRecipients()) {
            return reject(452, "4.5.3", "Too many recipients (at most " + settings.maxRecipients() + " per message)");
        }
        int at = r.address().lastIndexOf('@');
        String domain = at < 0 ? "" : r.address().substring(at + 1).toLowerCase(Locale.ROOT);
        if (at >= 0 && !settings.localDomains().contains(domain)) {
            return reject(554, "5.7.1", "<" + r.address() + ">: Relay access denied");
        }
        if (!settings.open() && r.authUser() == null && !inRelayNetwork(r.client())) {
            return reject(554, "5.7.1", "<" + r.address() + ">: Relay access denied: authenticate first");
        }
        FaxAddressParse parsed = FaxAddressParser.parse(r.address());
        if (parsed instanceof FaxAddressParse.Invalid inv) {
            return reject(inv.error().replyCode(), inv.error().enhancedStatus(),
                    "<" + r.address() + ">: " + inv.error().text() + ": " + inv.detail());
        }
        FaxAddress fax = ((FaxAddressParse.Valid) parsed).address();
        Optional<String> denied = settings.denyList().match(fax.number());
        if (denied.isPresent()) {
            return reject(554, "5.7.1", "<" + r.address() + ">: number not allowed (prefix " + denied.get() + ")");
        }
        DialPeerTable table = dialPeers.get();
        Optional<InboundMatch> in = table.matchInbound(DialPeer.Kind.MMOIP, fax.number(), null, null)
                .filter(m -> m.rule() == InboundMatch.Rule.INCOMING_CALLED_NUMBER)
                .filter(m -> OFFRAMP_APP.equalsIgnoreCase(m.peer().application()));
        if (in.isEmpty()) {
            return reject(554, "5.7.1", "<" + r.address() + ">: no off-ramp dial-peer for " + fax.number());
        }
        List<OutboundRoute> routes = new ArrayList<>();
        for (OutboundRoute route : table.matchOutbound(DialPeer.Kind.POTS, fax.number())) {
            if (settings.denyList().match(route.dialString()).isEmpty()) {
                routes.add(route);
            }
        }
        if (routes.isEmpty()) {
            return reject(554, "5.7.1", "<" + r.address() + ">: no dial-peer may dial " + fax.number());
        }
        return new RcptDecision.Accept(fax, in.get().peer(), routes.get(0));
    }

    private static RcptDecision reject(int code, String enhanced, String text) {
        return new RcptDecision.Reject(new SmtpReply(code, enhanced, text));
    }
}
