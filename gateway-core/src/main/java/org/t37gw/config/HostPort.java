package org.t37gw.config;

import java.util.Objects;

/**
 * A host (IP literal, {@code [IPv6]} or host name) and a port, as written in the config.
 *
 * @param host the host as written (IPv6 literals keep their brackets)
 * @param port 1..65535
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The host without IPv6 brackets, for {@code InetSocketAddress}. */
    public String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
