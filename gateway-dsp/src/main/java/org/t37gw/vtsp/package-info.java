/**
 * Voice telephony service providers ({@link org.t37gw.ccapi.Vtsp}): the {@code t38} voice-port driver,
 * {@link org.t37gw.vtsp.T38PortDriver}, one UDPTL channel with a fixed peer per port.
 */
package org.t37gw.vtsp;
