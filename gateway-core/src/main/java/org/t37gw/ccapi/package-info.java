/**
 * Call control (the IOS CCAPI of a T.37 gateway): call legs, their events, and the plug-in points.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.t37gw.ccapi.CallManager} registers {@link org.t37gw.ccapi.CallLeg}s (each with a
 *       process-unique, increasing {@link org.t37gw.ccapi.CallId}), records their
 *       {@link org.t37gw.ccapi.CallEvent}s (a sealed set: Setup, Alerting, Connect, Disconnect with a
 *       {@link org.t37gw.ccapi.Q850Cause}, FaxModeNegotiated, PageSent, PageReceived, DocumentReady,
 *       FaxCompleted), passes them to the leg's {@link org.t37gw.ccapi.Application}, keeps a bounded history,
 *       counters for the admin endpoint, and writes one CDR per finished leg through a
 *       {@link org.t37gw.ccapi.CdrSink} ({@link org.t37gw.ccapi.CdrWriter}: JSON Lines).</li>
 *   <li>{@link org.t37gw.ccapi.Application} is the session-application SPI (IOS {@code application} on a
 *       dial-peer, e.g. {@code fax_on_vfc_onramp_app}), found by {@link org.t37gw.ccapi.ApplicationRegistry}
 *       with {@link java.util.ServiceLoader}.</li>
 *   <li>The media service providers, implemented above the core: {@link org.t37gw.ccapi.Vtsp} (lines:
 *       ring, dial, answer, hang up, numbers), {@link org.t37gw.ccapi.Fmsp} (one T.30 session on a
 *       connected line), {@link org.t37gw.ccapi.Dmsp} (documents to and from fax pages, IOS
 *       {@code doc-to-fax} / {@code fax-to-doc}).</li>
 * </ul>
 *
 * <h2>A fax through the on-ramp</h2>
 * The Vtsp reports a ring ({@code Listener.incoming}); the daemon matches the inbound POTS dial-peer
 * ({@link org.t37gw.dialpeer.DialPeerTable#matchInbound}) and registers an inbound telephony leg for its
 * application, which accepts it and answers through the Vtsp. On Connect the application starts an
 * Fmsp receive session into a Dmsp {@code faxToDoc} sink; the session reports the negotiated mode and each
 * page, DocumentReady comes from the sink, FaxCompleted ends the session, the line's Disconnect ends the leg
 * and writes its CDR. The application then registers an outbound MMoIP leg for the mail (dial-peer found by
 * {@link org.t37gw.dialpeer.DialPeerTable#matchOutbound}).
 *
 * <h2>Causes</h2>
 * Disconnect causes are ITU-T Q.850 values. A result other than success is counted as failed: busy (17),
 * no answer (18/19), a failed T.30 session, a rejected setup.
 */
package org.t37gw.ccapi;
