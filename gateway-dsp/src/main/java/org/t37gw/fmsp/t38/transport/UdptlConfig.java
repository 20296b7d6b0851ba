package org.t37gw.fmsp.t38.transport;

import java.net.InetSocketAddress;
import org.t37gw.fmsp.t38.IfpLimits;
import org.t37gw.fmsp.t38.T38Version;
import org.t37gw.fmsp.t38.UdptlErrorCorrection;
import org.t37gw.fmsp.t38.UdptlLimits;

/**
 * Settings of a {@link UdptlChannel}.
 *
 * @param local           address to bind (port 0 for any)
 * @param remote          the fixed peer datagrams go to (and, unless {@code acceptAnySource}, come from)
 * @param version         T.38 version of the IFP encoding
 * @param errorCorrection what the sender adds (redundancy depth or parity FEC)
 * @param reorderWindow   later packets to wait for before a hole counts as lost
 * @param ifpLimits       IFP decoder limits
 * @param udptlLimits     UDPTL decoder limits (its maxDatagram also sizes the receive buffer)
 * @param acceptAnySource take datagrams from any source address
 * @param inboundLoss     fault injection on received datagrams
 * @param outboundLoss    fault injection on sent datagrams
 */
public record UdptlConfig(InetSocketAddress local, InetSocketAddress remote, T38Version version,
                          UdptlErrorCorrection errorCorrection, int reorderWindow, IfpLimits ifpLimits,
                          UdptlLimits udptlLimits, boolean acceptAnySource, LossModel inboundLoss,
                          LossModel outboundLoss) {

    public UdptlConfig {
        if (local == null || remote == null || version == null || errorCorrection == null || ifpLimits == null
                || udptlLimits == null || inboundLoss == null || outboundLoss == null) {
            throw new IllegalArgumentException("incomplete UDPTL config");
        }
    }

    /** Version 0, redundancy 3, no reordering wait, default limits, the peer's address only, no injected loss. */
    public static UdptlConfig of(InetSocketAddress local, InetSocketAddress remote) {
        return new UdptlConfig(local, remote, T38Version.V0, UdptlErrorCorrection.redundancy(3), 0, IfpLimits.DEFAULT,
                UdptlLimits.DEFAULT, false, LossModel.none(), LossModel.none());
    }

    public UdptlConfig withVersion(T38Version v) {
        return new UdptlConfig(local, remote, v, errorCorrection, reorderWindow, ifpLimits, udptlLimits,
                acceptAnySource, inboundLoss, outboundLoss);
    }

    public UdptlConfig withErrorCorrection(UdptlErrorCorrection ec) {
        return new UdptlConfig(local, remote, version, ec, reorderWindow, ifpLimits, udptlLimits, acceptAnySource,
                inboundLoss, outboundLoss);
    }

    public UdptlConfig withReorderWindow(int w) {
        return new UdptlConfig(local, remote, version, errorCorrection, w, ifpLimits, udptlLimits, acceptAnySource,
                inboundLoss, outboundLoss);
    }

    public UdptlConfig withAcceptAnySource(boolean any) {
        return new UdptlConfig(local, remote, version, errorCorrection, reorderWindow, ifpLimits, udptlLimits, any,
                inboundLoss, outboundLoss);
    }

    public UdptlConfig withLoss(LossModel inbound, LossModel outbound) {
        return new UdptlConfig(local, remote, version, errorCorrection, reorderWindow, ifpLimits, udptlLimits,
                acceptAnySource, inbound, outbound);
    }
}
