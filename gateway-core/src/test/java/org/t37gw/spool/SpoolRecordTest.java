package org.t37gw.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SpoolRecordTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.890Z");

    private static SpoolRecord sample() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("to", "5550100");
        fields.put("from", "alice@example.com");
        fields.put("subject", "line1\nline2\r\\x\u0001\u00e9\u20ac");
        fields.put("empty", "");
        return new SpoolRecord(new JobId("20250304T050607890-000001"), JobKind.OFFRAMP, JobState.SLEEPING, 2, T0,
                T0.plusSeconds(60), T0.plusSeconds(360), ResultCode.BUSY, "far end busy", List.of(
                new PayloadFile("page-001.tif", 1234, 0xdeadbeefL), new PayloadFile("message.eml", 0, 0)),
                fields, Map.of());
    }

    @Test
    void goldenTextForm() {
        String text = new String(sample().encode(), StandardCharsets.UTF_8);
        String body = """
                version=1
                spool.id=20250304T050607890-000001
                spool.kind=OFFRAMP
                spool.state=SLEEPING
                spool.attempts=2
                spool.created=2025-03-04T05:06:07.890Z
                spool.changed=2025-03-04T05:07:07.890Z
                spool.next-attempt=2025-03-04T05:12:07.890Z
                spool.result=101
                spool.reason=far end busy
                spool.payload.page-001.tif=1234 deadbeef
                spool.payload.message.eml=0 00000000
                to=5550100
                from=alice@example.com
                subject=line1\\nline2\\r\\\\x\\u0001\u00e9\u20ac
                empty=
                """;
        assertTrue(text.startsWith(body), text);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(String.format("crc32=%08x%n", crc.getValue()).replace("\r", ""), text.substring(body.length()));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        SpoolRecord r = sample();
        SpoolRecord back = SpoolRecord.decode(r.encode());
        assertEquals(r, back);
        assertEquals(List.copyOf(r.fields().keySet()), List.copyOf(back.fields().keySet()), "field order kept");
    }

    @Test
    void unknownSpoolKeysArePreservedAcrossARewrite() throws Exception {
        String text = new String(sample().encode(), StandardCharsets.UTF_8);
        String body = text.substring(0, text.lastIndexOf("crc32="))
                .replace("spool.reason=far end busy\n", "spool.reason=far end busy\nspool.future-thing=42\n")
                + "crc32=none\n";
        SpoolRecord read = SpoolRecord.decode(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("spool.future-thing", "42"), read.extra());
        assertTrue(!read.fields().containsKey("spool.future-thing"));
        SpoolRecord moved = read.to(JobState.ACTIVE, 3, T0.plusSeconds(400), null, read.result(), read.reason());
        SpoolRecord again = SpoolRecord.decode(moved.encode());
        assertEquals("42", again.extra().get("spool.future-thing"));
        assertTrue(new String(moved.encode(), StandardCharsets.UTF_8).contains("\nspool.future-thing=42\n"));
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] full = sample().encode();
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThrows(SpoolFormatException.class, () -> SpoolRecord.decode(cut), "cut at " + n);
        }
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] full = sample().encode();
        for (int i = 0; i < full.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = full.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    SpoolRecord.decode(bad);
                    fail("flip of bit " + bit + " at " + i + " not detected");
                } catch (SpoolFormatException expected) {
                    // good
                }
            }
        }
    }

    @Test
    void rejectsOtherVersionsDuplicatesAndMissingKeys() {
        assertBad("version=2\nspool.id=a\ncrc32=none\n", "unsupported record version 2");
        assertBad("spool.id=a\ncrc32=none\n", "first line is not version");
        String ok = "version=1\nspool.id=J1\nspool.kind=MAIL\nspool.state=DONE\nspool.attempts=1\n"
                + "spool.created=2025-01-01T00:00:00Z\nspool.changed=2025-01-01T00:00:00Z\n";
        assertEquals("J1", decodeUnchecked(ok + "crc32=none\n").id().value());
        assertBad(ok + "to=1\nto=2\ncrc32=none\n", "duplicate key to");
        assertBad(ok.replace("spool.kind=MAIL\n", "") + "crc32=none\n", "missing spool.kind");
        assertBad(ok.replace("DONE", "PAUSED") + "crc32=none\n", "bad record");
        assertBad(ok.replace("DONE", "QUEUED") + "crc32=none\n", "next-attempt");
        assertBad(ok + "bad line\ncrc32=none\n", "not key=value");
        assertBad(ok + "x=\\q\ncrc32=none\n", "unknown escape");
        assertBad(ok + "x=\\u12\ncrc32=none\n", "short");
        assertBad(ok + "spool.payload.a=12\ncrc32=none\n", "bad spool.payload.a");
        assertBad(ok + "crc32=00000000\n", "checksum mismatch");
    }

    @Test
    void seededJunkNeverThrowsAnythingButTheFormatException() {
        Random rnd = new Random(0x5EED);
        byte[] good = sample().encode();
        for (int i = 0; i < 20_000; i++) {
            byte[] junk;
            if (i % 2 == 0) {
                junk = new byte[rnd.nextInt(300)];
                rnd.nextBytes(junk);
            } else {
                junk = good.clone();
                for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
                    junk[rnd.nextInt(junk.length)] = (byte) "=\n\\u0aZ.-".charAt(rnd.nextInt(9));
                }
                // keep the checksum valid so the parser itself gets exercised
                String t = new String(junk, StandardCharsets.ISO_8859_1);
                int c = t.lastIndexOf("crc32=");
                if (c >= 0) {
                    junk = (t.substring(0, c) + "crc32=none\n").getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            try {
                SpoolRecord.decode(junk);
            } catch (SpoolFormatException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("junk #" + i + " threw " + e, e);
            }
        }
    }

    @Test
    void fieldKeysAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SpoolRecord.checkFieldKey("spool.state"));
        assertThrows(IllegalArgumentException.class, () -> SpoolRecord.checkFieldKey("version"));
        assertThrows(IllegalArgumentException.class, () -> SpoolRecord.checkFieldKey("a=b"));
        assertThrows(IllegalArgumentException.class, () -> SpoolRecord.checkFieldKey(""));
        SpoolRecord.checkFieldKey("pages-confirmed");
        assertArrayEquals("a\\\\b".getBytes(StandardCharsets.UTF_8), escape("a\\b"));
    }

    private static byte[] escape(String s) {
        StringBuilder sb = new StringBuilder();
        SpoolRecord.escape(sb, s);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static SpoolRecord decodeUnchecked(String s) {
        try {
            return SpoolRecord.decode(s.getBytes(StandardCharsets.UTF_8));
        } catch (SpoolFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertBad(String text, String messagePart) {
        SpoolFormatException e = assertThrows(SpoolFormatException.class,
                () -> SpoolRecord.decode(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage() + " should contain " + messagePart);
    }
}
