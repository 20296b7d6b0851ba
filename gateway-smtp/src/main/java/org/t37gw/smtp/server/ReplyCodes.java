package org.t37gw.smtp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Puts an RFC 3463 enhanced status code into the replies SubEthaSMTP writes itself, so that every reply
 * of a server advertising ENHANCEDSTATUSCODES carries one (RFC 2034 §3): its {@code 421} on read timeout
 * and connection limit, {@code 500} unknown verb, {@code 501} bare CR/LF or an over-long command line,
 * AUTH's outcomes ({@code 235}, {@code 501}, {@code 503}, {@code 504}, {@code 535}) and
 * {@code 220 Ready to start TLS}. Our own replies carry their codes already and pass unchanged, as do the
 * greeting, EHLO/HELO, {@code 354} and AUTH's {@code 334} challenges, which take none.
 *
 * <p>A stream between the session's writer and the socket (the plain one, and the TLS one after
 * STARTTLS): SubEthaSMTP writes a whole reply, then flushes; lines are rewritten at the flush. On the
 * plain socket, once {@code 220 Ready to start TLS} went out, everything after is the TLS handshake and
 * records: the stream passes it through untouched from then on.
 */
final class ReplyCodes {

    private ReplyCodes() {
    }

    private static final Pattern HAS_CODE = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}( .*)?");

    /** The enhanced code for one of SubEthaSMTP's own reply lines without one, or null to leave it. */
    static String codeFor(int code, String text) {
        if (HAS_CODE.matcher(text).matches()) {
            return null;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return switch (code) {
            case 220 -> lower.startsWith("ready to start tls") ? "2.0.0" : null;
            case 235 -> "2.7.0";
            case 421 -> lower.contains("timeout") ? "4.4.2" : lower.contains("too many connections") ? "4.3.2" : "4.3.0";
            case 454 -> "4.7.0";
            case 500 -> "5.5.2";
            case 501 -> lower.contains("authentication") ? "5.7.0" : lower.startsWith("syntax: auth") ? "5.5.4" : "5.5.2";
            case 502, 503 -> "5.5.1";
            case 504 -> "5.5.4";
            case 535 -> "5.7.8";
            default -> null;
        };
    }

    /** One reply line (without CRLF) as it goes out. */
    static String rewrite(String line) {
        if (line.length() < 4 || (line.charAt(3) != ' ' && line.charAt(3) != '-')) {
            return line;
        }
        int code;
        try {
            code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            return line;
        }
        String text = line.substring(4);
        String enhanced = codeFor(code, text);
        return enhanced == null ? line : line.substring(0, 4) + enhanced + " " + text;
    }

    /** Wraps a socket's output stream. */
    static OutputStream wrap(OutputStream out) {
        return new Output(out);
    }

    private static final class Output extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
        /** After STARTTLS's 220: bytes pass untouched (they are TLS). */
        private boolean raw;

        Output(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (raw) {
                out.write(b);
            } else {
                pending.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (raw) {
                out.write(b, off, len);
            } else {
                pending.write(b, off, len);
            }
        }

        /** Sends every complete line (rewritten), keeps a partial last line for the next flush. */
        @Override
        public void flush() throws IOException {
            if (raw) {
                out.flush();
                return;
            }
            byte[] all = pending.toByteArray();
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                out.flush();
                return;
            }
            String lines = new String(all, 0, end, StandardCharsets.ISO_8859_1);
            StringBuilder sb = new StringBuilder(lines.length() + 16);
            int from = 0;
            while (from < lines.length()) {
                int nl = lines.indexOf('\n', from);
                int stop = nl > from && lines.charAt(nl - 1) == '\r' ? nl - 1 : nl;
                String line = rewrite(lines.substring(from, stop));
                sb.append(line).append(lines, stop, nl + 1);
                from = nl + 1;
                if (line.startsWith("220 ") && line.toLowerCase(java.util.Locale.ROOT).contains("ready to start tls")) {
                    raw = true;
                    break;
                }
            }
            pending.reset();
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (raw) {
                out.write(all, from, all.length - from);
            } else {
                pending.write(all, end, all.length - end);
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                out.close();
            }
        }
    }

    /**
     * The TLS socket after STARTTLS, with {@link #wrap} on its output; everything else goes to it. The
     * session holds it in place of the SSLSocket (which it needs no more: peer certificates are taken at
     * the handshake).
     */
    static final class CodedSocket extends java.net.Socket {
        private final java.net.Socket s;
        private final OutputStream out;

        CodedSocket(java.net.Socket s) throws IOException {
            this.s = s;
            this.out = wrap(s.getOutputStream());
        }

        @Override
        public java.io.InputStream getInputStream() throws IOException {
            return s.getInputStream();
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void close() throws IOException {
            s.close();
        }

        @Override
        public boolean isClosed() {
            return s.isClosed();
        }

        @Override
        public boolean isBound() {
            return s.isBound();
        }

        @Override
        public boolean isConnected() {
            return s.isConnected();
        }

        @Override
        public boolean isInputShutdown() {
            return s.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return s.isOutputShutdown();
        }

        @Override
        public void shutdownInput() throws IOException {
            s.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            s.shutdownOutput();
        }

        @Override
        public java.net.InetAddress getInetAddress() {
            return s.getInetAddress();
        }

        @Override
        public int getPort() {
            return s.getPort();
        }

        @Override
        public java.net.InetAddress getLocalAddress() {
            return s.getLocalAddress();
        }

        @Override
        public int getLocalPort() {
            return s.getLocalPort();
        }

        @Override
        public java.net.SocketAddress getRemoteSocketAddress() {
            return s.getRemoteSocketAddress();
        }

        @Override
        public java.net.SocketAddress getLocalSocketAddress() {
            return s.getLocalSocketAddress();
        }

        @Override
        public void setSoTimeout(int timeout) throws java.net.SocketException {
            s.setSoTimeout(timeout);
        }

        @Override
        public int getSoTimeout() throws java.net.SocketException {
            return s.getSoTimeout();
        }

        @Override
        public void setTcpNoDelay(boolean on) throws java.net.SocketException {
            s.setTcpNoDelay(on);
        }

        @Override
        public boolean getTcpNoDelay() throws java.net.SocketException {
            return s.getTcpNoDelay();
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}
