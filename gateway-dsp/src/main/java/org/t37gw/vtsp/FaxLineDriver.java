package org.t37gw.vtsp;

import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.terminal.T38Terminal;

/**
 * A port driver whose connected calls carry a fax session run by our T.38 terminal: the {@code t38} driver (IFP
 * over UDPTL to the peer) and the {@code loopback} driver (IFP in memory to the other port). The FMSP
 * ({@code org.t37gw.fmsp.session.PortFmsp}) starts its T.30 engines through this.
 */
public interface FaxLineDriver extends Vtsp {

    /**
     * Runs {@code engine} (a calling sender after a dial, an answering receiver after an answer) on the connected
     * call {@code callId}, in the driver's own time scale. Returns at once; the session runs on the port's event
     * loop and ends with the terminal's {@link T38Terminal#outcome()}. If the call is not connected when the session
     * would start, the session does not start (the caller must watch the call's disconnect).
     */
    T38Terminal startFax(CallId callId, T30Engine engine, T38Terminal.Listener listener);
}
