package org.t37gw.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code mta receive ...} commands: the off-ramp's SMTP server.
 *
 * @param aliases            {@code mta receive aliases}: domains accepted as local (up to {@link #MAX_ALIASES});
 *                           empty means the {@code hostname} only
 * @param maximumRecipients  {@code mta receive maximum-recipients} 0..1024
 * @param generateMdn        {@code mta receive generate mdn}
 * @param permanentError     {@code mta receive generate permanent-error}
 * @param disableDsn         {@code mta receive disable-dsn}
 * @param listen             {@code mta receive listen ADDRESS [port N]}
 * @param tlsCertificate     {@code mta receive tls certificate FILE ...} as written, or {@code null}
 * @param tlsKey             {@code ... key FILE} as written, or {@code null}
 * @param authUsersFile      {@code mta receive auth users FILE} as written, or {@code null}
 * @param relayNetworks      {@code mta receive relay network CIDR} lines
 */
public record MtaReceive(
        List<String> aliases,
        int maximumRecipients,
        boolean generateMdn,
        boolean permanentError,
        boolean disableDsn,
        HostPort listen,
        String tlsCertificate,
        String tlsKey,
        String authUsersFile,
        List<Cidr> relayNetworks) {

    /** The Cisco OffRamp tech note allows 10 aliases. */
    public static final int MAX_ALIASES = 10;
    /** IOS allows 0..1024. */
    public static final int MAX_RECIPIENTS_LIMIT = 1024;
    /** Our default; IOS's is 0, which refuses all mail. */
    public static final int DEFAULT_MAXIMUM_RECIPIENTS = 10;
    /** Default of {@code mta receive listen}. */
    public static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 25);

    public MtaReceive {
        aliases = List.copyOf(aliases);
        relayNetworks = List.copyOf(relayNetworks);
        listen = listen == null ? DEFAULT_LISTEN : listen;
        Objects.requireNonNull(listen);
    }

    /** Every field at its default. */
    public static MtaReceive defaults() {
        return new MtaReceive(List.of(), DEFAULT_MAXIMUM_RECIPIENTS, false, false, false, null, null, null, null,
                List.of());
    }

    /** Whether {@code mta receive tls certificate} is configured (STARTTLS offered). */
    public boolean tlsEnabled() {
        return tlsCertificate != null;
    }
}
