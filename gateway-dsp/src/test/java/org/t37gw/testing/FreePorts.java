package org.t37gw.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

/** Free UDP ports on the loopback address, for tests that must name ports before binding them. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * {@code n} distinct ports, found by binding port 0 and closing again: another process may take one
     * before the test binds it, a small race tests accept.
     */
    public static int[] udp(int n) throws IOException {
        DatagramSocket[] s = new DatagramSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                s[i] = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                ports[i] = s[i].getLocalPort();
            }
        } finally {
            for (DatagramSocket d : s) {
                if (d != null) {
                    d.close();
                }
            }
        }
        return ports;
    }
}
