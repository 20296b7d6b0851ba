package org.t37gw.smtp.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server socket whose connections read through one buffer: SubEthaSMTP reads commands a byte at a
 * time from the socket's stream, and so does {@link DataReader}; with the buffer in the socket, neither
 * costs a system call per byte, and both see the same bytes (nothing read ahead is lost between a
 * command and DATA). {@link #available()} on the stream still tells whether the client sent more than it
 * was asked for (pipelining checks).
 */
final class BufferedServerSocket extends ServerSocket {

    BufferedServerSocket() throws IOException {
        super();
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new java.net.SocketException("Socket is closed");
        }
        BufferedSocket s = new BufferedSocket();
        implAccept(s);
        return s;
    }

    /**
     * Bytes read from the socket at most per system call: a 45 KB message arrives in two reads instead of
     * six (memory: this much per open connection).
     */
    static final int BUFFER = 32 * 1024;

    /** A socket with a buffered input stream, created once. */
    static final class BufferedSocket extends Socket {
        private InputStream in;
        private java.io.OutputStream out;

        /** With {@link ReplyCodes} on it: SubEthaSMTP's own replies get enhanced status codes. */
        @Override
        public synchronized java.io.OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = ReplyCodes.wrap(super.getOutputStream());
            }
            return out;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return in;
        }
    }
}
