package org.t37gw.ccapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrWriterTest {

    @TempDir
    Path dir;

    static CallInfo sample(CallId id, String calling) {
        CallLeg leg = new CallLeg(id, Direction.INBOUND, LegType.TELEPHONY, calling, "5550100", 10, "0",
                "fax_on_vfc_onramp_app");
        return new CallInfo(leg, CallState.DISCONNECTED, Instant.parse("2025-01-02T03:04:05Z"),
                Instant.parse("2025-01-02T03:04:09Z"), Instant.parse("2025-01-02T03:05:05.500Z"), 0, 3,
                new CallEvent.FaxModeNegotiated(id, 14400, true, FaxResolution.FINE, FaxCoding.MH),
                Q850Cause.NORMAL_CLEARING, CallResult.SUCCESS, "");
    }

    @Test
    void oneLineWithEveryField() {
        String json = CdrWriter.toJson(sample(new CallId(7), "4085551234"));
        assertEquals("{\"callId\":\"7\",\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:05:05.500Z\","
                + "\"durationMs\":60500,\"direction\":\"inbound\",\"legType\":\"telephony\","
                + "\"calling\":\"4085551234\",\"called\":\"5550100\",\"dialPeer\":10,\"port\":\"0\","
                + "\"application\":\"fax_on_vfc_onramp_app\",\"pages\":3,\"pagesSent\":0,\"pagesReceived\":3,"
                + "\"bitRate\":14400,\"ecm\":true,\"resolution\":\"fine\",\"coding\":\"mh\",\"result\":\"success\","
                + "\"q850Cause\":16,\"q850Text\":\"normal call clearing\",\"diagnostic\":\"\"}", json);
        Map<String, Object> m = MiniJson.parseObject(json);
        assertEquals(60500L, m.get("durationMs"));
        assertEquals(Boolean.TRUE, m.get("ecm"));
    }

    @Test
    void missingValuesAreNull() {
        CallLeg leg = new CallLeg(new CallId(8), Direction.OUTBOUND, LegType.MMOIP, null, "x@example.com", 0, null, null);
        CallInfo c = new CallInfo(leg, CallState.DISCONNECTED, Instant.EPOCH, null, Instant.EPOCH, 0, 0, null,
                Q850Cause.valueOf(99), CallResult.FAILED, "T.30: no response to DCS");
        Map<String, Object> m = MiniJson.parseObject(CdrWriter.toJson(c));
        assertEquals("", m.get("calling"));
        assertTrue(m.containsKey("bitRate") && m.get("bitRate") == null);
        assertTrue(m.containsKey("port") && m.get("port") == null);
        assertEquals(99L, m.get("q850Cause"));
        assertEquals("cause 99", m.get("q850Text"));
        assertEquals("failed", m.get("result"));
        assertEquals("outbound", m.get("direction"));
        assertEquals("mmoip", m.get("legType"));
    }

    @Test
    void escapesQuoteBackslashAndTab() {
        assertEquals("\"plain\"", CdrWriter.string("plain"));
        assertEquals("\"a\\\"b\"", CdrWriter.string("a\"b"));
        assertEquals("\"a\\\\b\"", CdrWriter.string("a\\b"));
        assertEquals("\"tab\\there\"", CdrWriter.string("tab\there"));
    }

    @Test
    void escapesControlsAndOddCharacters() {
        assertEquals("\"\\n\\r\\b\\f\\u0000\\u001f\\u007f\\u2028\"", CdrWriter.string("\n\r\b\f\u0000\u001f\u007f\u2028"));
        assertEquals("\"\\ud800x\"", CdrWriter.string("\ud800x"), "unpaired high surrogate");
        assertEquals("\"\\udc00\"", CdrWriter.string("\udc00"), "unpaired low surrogate");
        assertEquals("\"\ud83d\udce0 fax\"", CdrWriter.string("\ud83d\udce0 fax"), "a pair stays as is");
        assertEquals("\"é/\"", CdrWriter.string("é/"));
    }

    @Test
    void seededRandomStringsRoundTrip() {
        Random r = new Random(3192);
        for (int n = 0; n < 5000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(20); k > 0; k--) {
                sb.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x10000) : r.nextInt(0x80)));
            }
            String s = sb.toString();
            String json = CdrWriter.string(s);
            assertEquals(s, MiniJson.parseString(json));
            for (int k = 0; k < json.length(); k++) {
                assertTrue(json.charAt(k) >= 0x20, "no raw control character");
            }
        }
    }

    @Test
    void appendsAcrossWritersAndThreads() throws Exception {
        Path file = dir.resolve("cdr.jsonl");
        try (CdrWriter w = new CdrWriter(file)) {
            w.write(sample(new CallId(1), "1"));
        }
        int threads = 4;
        int perThread = 250;
        try (CdrWriter w = new CdrWriter(file)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> list = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int base = 1000 * (t + 1);
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < perThread; i++) {
                            // long, escaped content makes interleaving visible if it happened
                            w.write(sample(new CallId(base + i), "\"x\"\n".repeat(200)));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                th.start();
                list.add(th);
            }
            go.countDown();
            for (Thread th : list) {
                th.join();
            }
            assertTrue(errors.isEmpty(), errors.toString());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(1 + threads * perThread, lines.size());
        Set<Object> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(MiniJson.parseObject(line).get("callId"));
        }
        assertEquals(1 + threads * perThread, ids.size());
        assertEquals("1", MiniJson.parseObject(lines.get(0)).get("callId"), "earlier content kept, appended after");
    }
}
