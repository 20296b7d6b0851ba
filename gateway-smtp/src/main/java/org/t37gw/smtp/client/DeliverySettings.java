package org.t37gw.smtp.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.MtaSend;

/**
 * How {@link MailDeliveryService} delivers: the {@code mta send} settings it uses, resolved against the
 * state directory, plus timeouts.
 *
 * @param hostname       the gateway's {@code hostname}: EHLO name, domain of {@code MAILER-DAEMON}
 * @param servers        {@code mta send server}, tried in order
 * @param tls            {@code mta send tls}
 * @param auth           {@code mta send auth}, or {@code null}
 * @param postmaster     {@code mta send postmaster}: where rejected mail goes, or {@code null}
 * @param localDomains   domains delivered into {@link #maildir} instead of SMTP
 * @param maildir        the local Maildir ({@code mta send maildir}, else {@code STATE/mail}), or {@code null}
 * @param maildirForAll  {@code mta send maildir} is set: every recipient goes into the Maildir
 * @param connectTimeout TCP connect timeout per server
 * @param ioTimeout      timeout of each read and write on an SMTP connection (RFC 5321 §4.5.3.2 asks for
 *                       at least 5 minutes for most replies and 10 for the one after the data)
 * @param trustedTls     socket factory for {@code tls required} (certificate and host name checked);
 *                       {@code null} = the JVM's default trust store
 */
public record DeliverySettings(
        String hostname,
        List<MtaSend.Server> servers,
        MtaSend.Tls tls,
        MtaSend.Auth auth,
        String postmaster,
        List<String> localDomains,
        Path maildir,
        boolean maildirForAll,
        Duration connectTimeout,
        Duration ioTimeout,
        SSLSocketFactory trustedTls) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofMinutes(10);
    /** The Maildir under the state directory when {@code mta send maildir} is not set. */
    public static final String DEFAULT_MAILDIR = "mail";

    public DeliverySettings {
        Objects.requireNonNull(hostname, "hostname");
        servers = List.copyOf(servers);
        Objects.requireNonNull(tls, "tls");
        localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        if (maildirForAll && maildir == null) {
            throw new IllegalArgumentException("maildirForAll without a maildir");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(ioTimeout, "ioTimeout");
    }

    /** The settings of a gateway config; relative Maildir paths resolve against {@code stateDir}. */
    public static DeliverySettings from(GatewayConfig config, Path stateDir) {
        MtaSend s = config.mtaSend();
        Path maildir = s.deliversToMaildir() ? s.maildir(stateDir) : stateDir.resolve(DEFAULT_MAILDIR);
        return new DeliverySettings(config.hostname(), s.servers(), s.tls(), s.auth(), s.postmaster(),
                config.localDomains(), maildir, s.deliversToMaildir(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_IO_TIMEOUT,
                null);
    }

    public DeliverySettings withServers(List<MtaSend.Server> s) {
        return new DeliverySettings(hostname, s, tls, auth, postmaster, localDomains, maildir, maildirForAll,
                connectTimeout, ioTimeout, trustedTls);
    }

    public DeliverySettings withTimeouts(Duration connect, Duration io) {
        return new DeliverySettings(hostname, servers, tls, auth, postmaster, localDomains, maildir, maildirForAll,
                connect, io, trustedTls);
    }

    public DeliverySettings withTls(MtaSend.Tls mode, SSLSocketFactory trusted) {
        return new DeliverySettings(hostname, servers, mode, auth, postmaster, localDomains, maildir, maildirForAll,
                connectTimeout, ioTimeout, trusted);
    }

    /**
     * Whether {@code address} is delivered into the Maildir: always with {@code mta send maildir};
     * otherwise when its domain is local, unless it is a fax address ({@code FAX=...}, RFC 3192), which
     * is mail for an off-ramp and goes by SMTP.
     */
    public boolean isLocal(String address) {
        if (maildirForAll) {
            return true;
        }
        if (maildir == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return true;
        }
        String local = address.substring(0, at);
        if (local.regionMatches(true, 0, "FAX=", 0, 4) || local.regionMatches(true, 0, "/FAX=", 0, 5)) {
            return false;
        }
        return localDomains.contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
