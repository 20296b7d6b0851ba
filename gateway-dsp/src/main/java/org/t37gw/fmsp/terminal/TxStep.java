package org.t37gw.fmsp.terminal;

import org.t37gw.fmsp.t38.IfpPacket;

/** One step of what the terminal transmits, in order, as {@link IfpTransmitter} plans it. */
public sealed interface TxStep {

    /**
     * Send {@code packet} in one UDPTL datagram, {@code copies} times, then let {@code holdMillis} of fax time
     * pass before the next step (the time the signal lasts on a real line).
     */
    record Send(IfpPacket packet, int copies, double holdMillis) implements TxStep {
    }

    /** Everything of the engine's transmit batch is out: report SendComplete to the engine. */
    record Complete() implements TxStep {
    }

    /** From here on, interpret received data as {@code mode} says (a StartReceive after a transmit). */
    record Listen(RxMode mode) implements TxStep {
    }
}
