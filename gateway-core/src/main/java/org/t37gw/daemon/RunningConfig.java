package org.t37gw.daemon;

import java.time.Instant;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeerTable;

/**
 * One generation of the configuration in force: the checked config and the dial-peer table built from
 * it. A call takes the generation current at its setup and keeps it to the end, so a reload (SIGHUP)
 * changes only the calls that start after it.
 *
 * @param generation 1 for the config loaded at start, +1 for each accepted reload
 * @param source     the file it came from, or "embedded default"
 */
public record RunningConfig(GatewayConfig config, DialPeerTable dialPeers, long generation, Instant loaded,
                            String source) {
}
