package org.t37gw.ccapi;

/**
 * Totals since the call manager started, for {@code show stats}.
 *
 * @param callsIn       inbound legs registered (rejected ones included)
 * @param callsOut      outbound legs registered
 * @param failed        finished legs whose result was not {@link CallResult#SUCCESS}
 * @param pagesSent     pages sent and confirmed
 * @param pagesReceived pages received
 * @param active        legs up now
 */
public record CallCounters(long callsIn, long callsOut, long failed, long pagesSent, long pagesReceived,
                           int active) {
}
