package org.t37gw.ccapi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Appends call detail records to a file, one JSON object per line (JSON Lines):
 *
 * <pre>{"callId":"7","start":"2025-01-02T03:04:05Z","end":"2025-01-02T03:05:05.5Z","durationMs":60500,
 *  "direction":"inbound","legType":"telephony","calling":"4085551234","called":"5550100","dialPeer":10,
 *  "port":"0","application":"fax_on_vfc_onramp_app","pages":3,"pagesSent":0,"pagesReceived":3,
 *  "bitRate":14400,"ecm":true,"resolution":"fine","coding":"mh","result":"success","q850Cause":16,
 *  "q850Text":"normal call clearing","diagnostic":""}</pre>
 * (one line in the file). Fields without a value (no fax session: {@code bitRate}, {@code ecm},
 * {@code resolution}, {@code coding}; no port) are {@code null}.
 *
 * <p>The file is opened in append mode and each record goes to the operating system in one write of the
 * whole line, nothing is buffered in the JVM, so a line is complete once {@link #write} returns and lines
 * from several threads (or several writers on the same file) never interleave. The JSON is written by
 * hand: no library, strings escaped per RFC 8259 §7.
 */
public final class CdrWriter implements CdrSink, Closeable {

    private final Path file;
    private final FileChannel channel;

    /** Opens (creating if needed) {@code file} for appending. */
    public CdrWriter(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** The CDR file. */
    public Path file() {
        return file;
    }

    @Override
    public void write(CallInfo call) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((toJson(call) + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** The CDR line of a call, without the newline. */
    public static String toJson(CallInfo c) {
        CallLeg leg = c.leg();
        CallEvent.FaxModeNegotiated mode = c.faxMode();
        StringBuilder sb = new StringBuilder(512).append('{');
        field(sb, "callId", string(leg.id().toString()));
        field(sb, "start", string(c.start().toString()));
        field(sb, "end", c.end() == null ? "null" : string(c.end().toString()));
        field(sb, "durationMs", c.end() == null ? "null"
                : Long.toString(Duration.between(c.start(), c.end()).toMillis()));
        field(sb, "direction", string(leg.direction().label()));
        field(sb, "legType", string(leg.type().label()));
        field(sb, "calling", string(leg.calling()));
        field(sb, "called", string(leg.called()));
        field(sb, "dialPeer", Integer.toString(leg.dialPeerTag()));
        field(sb, "port", leg.port() == null ? "null" : string(leg.port()));
        field(sb, "application", leg.application() == null ? "null" : string(leg.application()));
        field(sb, "pages", Integer.toString(c.pages()));
        field(sb, "pagesSent", Integer.toString(c.pagesSent()));
        field(sb, "pagesReceived", Integer.toString(c.pagesReceived()));
        field(sb, "bitRate", mode == null ? "null" : Integer.toString(mode.bitRate()));
        field(sb, "ecm", mode == null ? "null" : Boolean.toString(mode.ecm()));
        field(sb, "resolution", mode == null ? "null" : string(mode.resolution().name().toLowerCase(Locale.ROOT)));
        field(sb, "coding", mode == null ? "null" : string(mode.coding().name().toLowerCase(Locale.ROOT)));
        field(sb, "result", c.result() == null ? "null" : string(c.result().label()));
        field(sb, "q850Cause", c.cause() == null ? "null" : Integer.toString(c.cause().code()));
        field(sb, "q850Text", c.cause() == null ? "null" : string(c.cause().text()));
        field(sb, "diagnostic", string(c.diagnostic()));
        sb.setLength(sb.length() - 1); // the last comma
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String name, String jsonValue) {
        sb.append('"').append(name).append("\":").append(jsonValue).append(',');
    }

    /**
     * A JSON string literal for {@code s}: quotes, backslash and control characters escaped (RFC 8259 §7),
     * U+2028/U+2029 escaped too (so the line is also valid JavaScript), and an unpaired surrogate written as
     * {@code \\uXXXX} rather than lost in the UTF-8 encoding.
     */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        org.t37gw.util.Json.quote(sb, s);
        return sb.toString();
    }
}
