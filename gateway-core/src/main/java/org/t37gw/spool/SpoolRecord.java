package org.t37gw.spool;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The content of a {@code fax_record} file, and its text form (docs/spool-format.md). Immutable.
 *
 * @param fields application fields (keys not starting with {@code spool.}), in file order
 * @param extra  {@code spool.*} keys this version does not know, kept as read so a rewrite preserves them
 */
record SpoolRecord(JobId id, String kind, JobState state, int attempts, Instant created, Instant changed,
                   Instant nextAttempt, ResultCode result, String reason, List<PayloadFile> payload,
                   Map<String, String> fields, Map<String, String> extra) {

    static final int VERSION = 1;
    static final String SYSTEM_PREFIX = "spool.";
    private static final String PAYLOAD_PREFIX = "spool.payload.";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");

    /** Eight lowercase hex digits of a 32-bit value (as {@code %08x}, without a Formatter per call). */
    static String hex8(long v) {
        String h = Long.toHexString(v & 0xFFFF_FFFFL);
        return "0".repeat(8 - h.length()) + h;
    }
    /** Accepted instead of a checksum, for records edited by hand; the spool always writes a real one. */
    static final String NO_CRC = "none";

    SpoolRecord {
        Objects.requireNonNull(id, "id");
        JobKind.check(kind);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(changed, "changed");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts < 0");
        }
        if (state.isWaiting() != (nextAttempt != null)) {
            throw new IllegalArgumentException("next-attempt must be set exactly for QUEUED and SLEEPING, state " + state);
        }
        payload = List.copyOf(payload);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        fields.forEach((k, v) -> checkFieldKey(k));
    }

    /** Whether {@code key} may name an application field. */
    static boolean isValidFieldKey(String key) {
        return key != null && KEY.matcher(key).matches() && !key.startsWith(SYSTEM_PREFIX)
                && !key.equals("version") && !key.equals("crc32");
    }

    static void checkFieldKey(String key) {
        if (!isValidFieldKey(key)) {
            throw new IllegalArgumentException("invalid record field name (1..128 of [A-Za-z0-9._-], "
                    + "not 'version', 'crc32' or 'spool.*'): " + key);
        }
    }

    /** The same job in another state (the application fields, payload and unknown keys are kept). */
    SpoolRecord to(JobState newState, int newAttempts, Instant when, Instant next, ResultCode newResult,
                   String newReason) {
        return new SpoolRecord(id, kind, newState, newAttempts, created, when, next, newResult, newReason, payload,
                fields, extra);
    }

    SpoolRecord withFields(Map<String, String> newFields) {
        return new SpoolRecord(id, kind, state, attempts, created, changed, nextAttempt, result, reason, payload,
                newFields, extra);
    }

    // ------------------------------------------------------------------ text form

    byte[] encode() {
        StringBuilder sb = new StringBuilder(256 + 64 * fields.size());
        line(sb, "version", Integer.toString(VERSION));
        line(sb, "spool.id", id.value());
        line(sb, "spool.kind", kind);
        line(sb, "spool.state", state.name());
        line(sb, "spool.attempts", Integer.toString(attempts));
        line(sb, "spool.created", created.toString());
        line(sb, "spool.changed", changed.toString());
        if (nextAttempt != null) {
            line(sb, "spool.next-attempt", nextAttempt.toString());
        }
        if (result != null) {
            line(sb, "spool.result", Integer.toString(result.code()));
        }
        if (reason != null) {
            line(sb, "spool.reason", reason);
        }
        for (PayloadFile p : payload) {
            line(sb, PAYLOAD_PREFIX + p.name(), p.size() + " " + hex8(p.crc32()));
        }
        extra.forEach((k, v) -> line(sb, k, v));
        fields.forEach((k, v) -> line(sb, k, v));
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] tail = ("crc32=" + hex8(crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=');
        escape(sb, value);
        sb.append('\n');
    }

    static void escape(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    static String unescape(String s) throws SpoolFormatException {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new SpoolFormatException("dangling backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new SpoolFormatException("short \\u escape");
                    }
                    String hex = s.substring(i + 1, i + 5);
                    if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        throw new SpoolFormatException("bad \\u escape: " + hex);
                    }
                    sb.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> throw new SpoolFormatException("unknown escape \\" + e);
            }
        }
        return sb.toString();
    }

    /** Parses a record; any deviation from the format is a {@link SpoolFormatException}. */
    static SpoolRecord decode(byte[] bytes) throws SpoolFormatException {
        if (bytes.length == 0) {
            throw new SpoolFormatException("empty record");
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw new SpoolFormatException("record does not end with a newline (truncated?)");
        }
        // the checksum line is the last one
        int lastStart = bytes.length - 1;
        while (lastStart > 0 && bytes[lastStart - 1] != '\n') {
            lastStart--;
        }
        String crcLine = new String(bytes, lastStart, bytes.length - 1 - lastStart, StandardCharsets.ISO_8859_1);
        if (!crcLine.startsWith("crc32=")) {
            throw new SpoolFormatException("last line is not crc32=... (truncated?)");
        }
        String crcText = crcLine.substring(6);
        if (!crcText.equals(NO_CRC)) {
            if (!HEX8.matcher(crcText).matches()) {
                throw new SpoolFormatException("bad crc32 line: " + crcLine);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, lastStart);
            if (crc.getValue() != Long.parseLong(crcText, 16)) {
                throw new SpoolFormatException(String.format("checksum mismatch: record says %s, content has %08x",
                        crcText, crc.getValue()));
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, 0, lastStart)).toString();
        } catch (CharacterCodingException e) {
            throw new SpoolFormatException("record is not UTF-8", e);
        }
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("version=")) {
            throw new SpoolFormatException("first line is not version=...");
        }
        String v = lines[0].substring("version=".length());
        if (!v.equals(Integer.toString(VERSION))) {
            throw new SpoolFormatException("unsupported record version " + v + " (this spool reads " + VERSION + ")");
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (int n = 1; n < lines.length; n++) {
            String l = lines[n];
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new SpoolFormatException("line " + (n + 1) + ": not key=value");
            }
            String key = l.substring(0, eq);
            if (!KEY.matcher(key).matches() || key.equals("version") || key.equals("crc32")) {
                throw new SpoolFormatException("line " + (n + 1) + ": bad key " + key);
            }
            if (all.put(key, unescapeAt(l.substring(eq + 1), n + 1)) != null) {
                throw new SpoolFormatException("line " + (n + 1) + ": duplicate key " + key);
            }
        }
        try {
            JobId id = new JobId(required(all, "spool.id"));
            String kind = required(all, "spool.kind");
            if (!JobKind.isValid(kind)) {
                throw new SpoolFormatException("bad spool.kind: " + kind);
            }
            JobState state = JobState.valueOf(required(all, "spool.state"));
            int attempts = Integer.parseInt(required(all, "spool.attempts"));
            Instant created = Instant.parse(required(all, "spool.created"));
            Instant changed = Instant.parse(required(all, "spool.changed"));
            String next = all.remove("spool.next-attempt");
            String result = all.remove("spool.result");
            String reason = all.remove("spool.reason");
            List<PayloadFile> payload = new ArrayList<>();
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> extra = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : all.entrySet()) {
                String k = e.getKey();
                if (k.startsWith(PAYLOAD_PREFIX)) {
                    payload.add(parsePayload(k.substring(PAYLOAD_PREFIX.length()), e.getValue()));
                } else if (k.startsWith(SYSTEM_PREFIX)) {
                    extra.put(k, e.getValue());
                } else {
                    fields.put(k, e.getValue());
                }
            }
            return new SpoolRecord(id, kind, state, attempts, created, changed,
                    next == null ? null : Instant.parse(next),
                    result == null ? null : ResultCode.valueOf(Integer.parseInt(result)),
                    reason, payload, fields, extra);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // NumberFormatException is an IllegalArgumentException
            throw new SpoolFormatException("bad record: " + e.getMessage(), e);
        }
    }

    private static String unescapeAt(String s, int line) throws SpoolFormatException {
        try {
            return unescape(s);
        } catch (SpoolFormatException e) {
            throw new SpoolFormatException("line " + line + ": " + e.getMessage());
        }
    }

    private static String required(Map<String, String> all, String key) throws SpoolFormatException {
        String v = all.remove(key);
        if (v == null) {
            throw new SpoolFormatException("missing " + key);
        }
        return v;
    }

    private static PayloadFile parsePayload(String name, String value) throws SpoolFormatException {
        int sp = value.indexOf(' ');
        if (sp < 0 || !HEX8.matcher(value.substring(sp + 1)).matches()) {
            throw new SpoolFormatException("bad spool.payload." + name + ": " + value);
        }
        return new PayloadFile(name, Long.parseLong(value.substring(0, sp)), Long.parseLong(value.substring(sp + 1), 16));
    }
}
