package org.t37gw.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.t37gw.dialpeer.DialPeer;

/**
 * A whole, checked gateway config: the meaning of one config file. Immutable.
 *
 * @param hostname      {@code hostname}
 * @param mtaSend       {@code mta send ...}
 * @param mtaReceive    {@code mta receive ...}
 * @param faxSend       {@code fax send ...}
 * @param faxReceive    {@code fax receive ...}
 * @param interfaceType {@code fax interface-type}
 * @param voicePorts    the {@code voice-port} blocks, in file order
 * @param dialPeers     the {@code dial-peer voice} blocks, in file order
 * @param sourceFile    the file name the config came from
 */
public record GatewayConfig(
        String hostname,
        MtaSend mtaSend,
        MtaReceive mtaReceive,
        FaxSend faxSend,
        FaxReceive faxReceive,
        FaxInterfaceType interfaceType,
        List<VoicePort> voicePorts,
        List<DialPeer> dialPeers,
        String sourceFile) {

    /** Default {@code hostname}, as IOS's "Router" is no use in mail headers. */
    public static final String DEFAULT_HOSTNAME = "localhost";
    /** Default {@code fax interface-type}. */
    public static final FaxInterfaceType DEFAULT_INTERFACE_TYPE = FaxInterfaceType.FAX_MAIL;

    public GatewayConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(mtaSend, "mtaSend");
        Objects.requireNonNull(mtaReceive, "mtaReceive");
        Objects.requireNonNull(faxSend, "faxSend");
        Objects.requireNonNull(faxReceive, "faxReceive");
        Objects.requireNonNull(interfaceType, "interfaceType");
        voicePorts = List.copyOf(voicePorts);
        dialPeers = List.copyOf(dialPeers);
    }

    /** The voice-port called {@code name}. */
    public Optional<VoicePort> voicePort(String name) {
        return voicePorts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The dial-peer with {@code tag}. */
    public Optional<DialPeer> dialPeer(int tag) {
        return dialPeers.stream().filter(p -> p.tag() == tag).findFirst();
    }

    /** The domains the off-ramp accepts as local: the aliases, or the hostname when there are none. */
    public List<String> localDomains() {
        return mtaReceive.aliases().isEmpty() ? List.of(hostname) : mtaReceive.aliases();
    }

    /**
     * The effective config in config syntax, every setting with its value (defaults included), secrets as
     * {@code [hidden]}; for the start-up log. Parsing it gives the same config (but for the secrets).
     */
    public String render() {
        return ConfigRenderer.render(this);
    }
}
