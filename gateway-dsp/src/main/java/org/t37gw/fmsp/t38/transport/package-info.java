/**
 * T.38 over UDPTL/UDP on Netty: {@link org.t37gw.fmsp.t38.transport.UdptlChannel} binds a local address, talks to
 * one fixed peer, and hands decoded IFP packets to a listener on its event loop; non-UDPTL datagrams (e.g. RTCP a
 * media relay sends to the T.38 port) and datagrams from other sources are dropped quietly and counted.
 * {@link org.t37gw.fmsp.t38.transport.LossModel} injects packet loss for fault tests. The protocol logic is the
 * pure {@code org.t37gw.fmsp.t38} package; this one only does the I/O.
 */
package org.t37gw.fmsp.t38.transport;
