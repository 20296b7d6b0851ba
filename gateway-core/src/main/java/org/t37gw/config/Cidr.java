package org.t37gw.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A network in CIDR notation, e.g. {@code 192.0.2.0/24} or {@code 2001:db8::/32}.
 *
 * @param network      the network address, host bits cleared
 * @param prefixLength 0..32 (IPv4) or 0..128 (IPv6)
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + bits);
        }
        network = address(mask(network.getAddress(), prefixLength));
    }

    /**
     * Parses {@code ADDRESS/LENGTH}; a bare address is a host network (/32 or /128).
     *
     * @throws IllegalArgumentException with a message fit for {@code FILE:LINE: message}
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes;
        try {
            bytes = Checks.ipAddress(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a network (ADDRESS/LENGTH)");
        }
        int max = bytes.length * 8;
        int len = max;
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (!l.matches("[0-9]{1,3}") || Integer.parseInt(l) > max) {
                throw new IllegalArgumentException("prefix length in \"" + text + "\" must be 0-" + max);
            }
            len = Integer.parseInt(l);
        }
        return new Cidr(address(bytes), len);
    }

    /** Whether {@code text} has bits set beyond the prefix (e.g. {@code 192.0.2.5/24}). */
    static boolean hasHostBits(String text) {
        Cidr c = parse(text);
        int slash = text.indexOf('/');
        byte[] written = Checks.ipAddress(slash < 0 ? text : text.substring(0, slash));
        return !java.util.Arrays.equals(written, c.network.getAddress());
    }

    /** Whether {@code address} is inside this network (an IPv4 address is never inside an IPv6 network). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.getAddress().length
                && java.util.Arrays.equals(mask(a, prefixLength), network.getAddress());
    }

    private static byte[] mask(byte[] in, int len) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, len - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
