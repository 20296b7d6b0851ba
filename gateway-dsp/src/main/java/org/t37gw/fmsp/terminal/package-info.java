/**
 * The T.38 terminal (ITU-T T.38 clauses 6 and 7): one {@link org.t37gw.fmsp.t30.T30Engine} run over IFP packets.
 *
 * <p>{@link org.t37gw.fmsp.terminal.IfpTransmitter} (engine actions to timed IFP packets) and
 * {@link org.t37gw.fmsp.terminal.IfpReceiver} (IFP packets to engine events) are pure: no clock, no I/O.
 * {@link org.t37gw.fmsp.terminal.T38Terminal} is the thin driver on a Netty event loop: fax time, pacing at the
 * modem rate, engine timers, all as scheduled tasks. {@link org.t37gw.fmsp.terminal.TiffPageSource} and
 * {@link org.t37gw.fmsp.terminal.TiffPageWriter} connect it to TIFF files. Data octets travel in T.38 with the
 * first bit on the line in the most significant bit; the engine and the page codec here keep it in the least.
 */
package org.t37gw.fmsp.terminal;
