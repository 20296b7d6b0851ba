/**
 * The ITU-T T.30 session engine of the FMSP: phases A to E of a Group 3 fax call, for the calling
 * station that sends and the called station that receives, with and without error correction.
 *
 * <h2>What it does</h2>
 * {@link org.t37gw.fmsp.t30.T30Engine} is a pure state machine. A driver (Class 1 modem, T.38 terminal,
 * DSP board) feeds it {@link org.t37gw.fmsp.t30.T30Event}s with the time they happened and carries out the
 * {@link org.t37gw.fmsp.t30.T30Action}s it returns: send HDLC frames on V.21 or at high speed, send TCF,
 * send a page's coded data, listen on a modulation, deliver a received page, hang up with a
 * {@link org.t37gw.fmsp.t30.T30Result}. The package has no I/O, no threads and reads no clock
 * (checked by {@code T30PurityTest}); the timers T1 to T5 run on the time passed in.
 *
 * <h2>How it works</h2>
 * <ul>
 * <li>{@link org.t37gw.fmsp.t30.Fcf}: the facsimile control fields of T.30 5.3.6.1 as an open enum,
 *     with the X bit; {@link org.t37gw.fmsp.t30.HdlcFrame} and {@link org.t37gw.fmsp.t30.Fcs} the frame of
 *     T.30 5.3.5 to 5.3.7.</li>
 * <li>{@link org.t37gw.fmsp.t30.DisDcsCodec}: DIS/DTC/DCS, T.30 Table 2, bits numbered from 1
 *     ({@link org.t37gw.fmsp.t30.T30Bits}); {@link org.t37gw.fmsp.t30.Negotiation} picks the best common
 *     mode; {@link org.t37gw.fmsp.t30.Identity} the reversed 20-character identities.</li>
 * <li>{@link org.t37gw.fmsp.t30.T30State}: the states, after the labels of the T.30 flow charts, with the
 *     table of legal transitions; the engine has one handler per state and one {@code transitionTo}.</li>
 * <li>ECM (T.30 Annex A, T.4 Annex A): {@link org.t37gw.fmsp.t30.EcmFramer} cuts a page into frames of 64
 *     or 256 octets and partial pages of up to 256 frames; {@link org.t37gw.fmsp.t30.EcmBlockBuffer}
 *     collects them and builds the PPR bitmap.</li>
 * </ul>
 * Page data is opaque to the engine: a sender takes it from a {@link org.t37gw.fmsp.t30.PageSource} in the
 * negotiated {@link org.t37gw.fmsp.t30.PageMode}; a receiver hands it on with that mode. See docs/t30.md.
 */
package org.t37gw.fmsp.t30;
