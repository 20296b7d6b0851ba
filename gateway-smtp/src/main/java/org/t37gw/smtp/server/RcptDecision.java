package org.t37gw.smtp.server;

import java.util.Objects;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.OutboundRoute;
import org.t37gw.smtp.address.FaxAddress;

/** What {@link RecipientPolicy} decided about one {@code RCPT TO}. */
public sealed interface RcptDecision {

    /**
     * Take the recipient.
     *
     * @param address      the parsed fax address
     * @param offrampPeer  the MMoIP dial-peer (application {@code fax_on_vfc_offramp_app}) the number matched
     * @param route        the first POTS route that would dial it
     */
    record Accept(FaxAddress address, DialPeer offrampPeer, OutboundRoute route) implements RcptDecision {
        public Accept {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(offrampPeer, "offrampPeer");
            Objects.requireNonNull(route, "route");
        }
    }

    /** Refuse it with this reply. */
    record Reject(SmtpReply reply) implements RcptDecision {
        public Reject {
            Objects.requireNonNull(reply, "reply");
        }
    }
}
