package org.t37gw.smtp.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a test MTA: records the client's command lines (the raw SMTP session) and
 * adds {@code DSN} to the EHLO reply, as SubEthaSMTP does not announce it (RFC 3461 parameters are only
 * sent to servers that do). Plain text only (no STARTTLS through it).
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<String> clientLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RecordingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Every line the clients sent, in order. */
    List<String> clientLines() {
        return List.copyOf(clientLines);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket c = listener.accept();
                Socket s = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(c);
                sockets.add(s);
                pump(c.getInputStream(), s.getOutputStream(), true);
                pump(s.getInputStream(), c.getOutputStream(), false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean fromClient) {
        Thread t = new Thread(() -> {
            try (in; out) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int b; (b = in.read()) >= 0; ) {
                    line.write(b);
                    if (b == '\n') {
                        String l = line.toString(StandardCharsets.ISO_8859_1);
                        if (fromClient) {
                            clientLines.add(l.stripTrailing());
                        } else if (l.startsWith("250-8BITMIME")) {
                            out.write("250-DSN\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        line.writeTo(out);
                        out.flush();
                        line.reset();
                    }
                }
            } catch (IOException e) {
                // connection closed
            }
        }, fromClient ? "proxy-c2s" : "proxy-s2c");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
