/**
 * T.38 real-time fax over IP, the packet layers: IFP packets and UDPTL, pure and usable alone.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li><b>IFP</b> (ITU-T T.38 clause 6, ASN.1 module T38 1998/2002): {@link org.t37gw.fmsp.t38.IfpPacket} is an
 *   indicator ({@link org.t37gw.fmsp.t38.T30Indicator}) or data of one modulation
 *   ({@link org.t37gw.fmsp.t38.DataType}) in one or more {@link org.t37gw.fmsp.t38.DataField}s
 *   ({@link org.t37gw.fmsp.t38.FieldType}). The three code types are open enums: every value the ASN.1 names, and
 *   any other as {@code unknown-N}. {@link org.t37gw.fmsp.t38.IfpCodec} maps packets to and from PER aligned (X.691)
 *   for T.38 versions 0 to 3 ({@link org.t37gw.fmsp.t38.T38Version}; version 0 lacks the field-type extension
 *   bit).</li>
 *   <li><b>UDPTL</b> (T.38 Annex, clause 9.1): {@link org.t37gw.fmsp.t38.UdptlCodec} for the datagram,
 *   {@link org.t37gw.fmsp.t38.UdptlSender} numbering packets and adding redundancy or parity FEC
 *   ({@link org.t37gw.fmsp.t38.UdptlErrorCorrection}), {@link org.t37gw.fmsp.t38.UdptlReceiver} dropping
 *   duplicates, reordering within a window, recovering losses from redundancy and FEC, and reporting gaps.</li>
 * </ul>
 *
 * <h2>How it works</h2>
 * Frame, then message, then transport: UDPTL carries IFP packets as opaque octets (it needs the IFP codec only to
 * find the end of an FEC-recovered packet, passed in as a function); the IFP codec knows nothing of UDPTL; the
 * Netty transport lives in {@code org.t37gw.fmsp.t38.transport}. Decoders take explicit limits at construction and
 * return {@link org.t37gw.fmsp.t38.DecodeResult} — garbage is a {@code Malformed} with a reason and an offset, never
 * an exception. This package does no I/O, uses no clock and starts no threads ({@code T38LayeringTest} checks the
 * imports). Wire details and interop findings: {@code docs/t38.md}.
 */
package org.t37gw.fmsp.t38;
