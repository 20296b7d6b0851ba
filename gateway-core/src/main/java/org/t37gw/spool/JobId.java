package org.t37gw.spool;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The name of a job, unique in its spool; also the name of its directory under {@code jobs/}.
 * The spool makes them as {@code yyyyMMdd'T'HHmmssSSS-NNNNNN} (UTC creation time, then a sequence
 * number), so that they sort by creation; any 1..64 of {@code [A-Za-z0-9_-]} is accepted on read.
 *
 * @param value the name
 */
public record JobId(String value) implements Comparable<JobId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public JobId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid job id: " + value);
        }
    }

    /**
     * The id the spool makes: {@code yyyyMMdd'T'HHmmssSSS} of {@code t} in UTC, {@code -}, {@code seq} in
     * six digits. By hand: a DateTimeFormatter with milliseconds and String.format cost a Formatter and
     * BigDecimals per job.
     */
    static JobId of(Instant t, long seq) {
        return new JobId(format(t, seq));
    }

    static String format(Instant t, long seq) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(25);
        pad(sb, d.getYear(), 4);
        pad(sb, d.getMonthValue(), 2);
        pad(sb, d.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, d.getHour(), 2);
        pad(sb, d.getMinute(), 2);
        pad(sb, d.getSecond(), 2);
        pad(sb, d.getNano() / 1_000_000, 3);
        sb.append('-');
        pad(sb, seq, 6);
        return sb.toString();
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /** Whether {@code s} is a legal job id (and so a legal job directory name). */
    public static boolean isValid(String s) {
        return s != null && VALID.matcher(s).matches();
    }

    @Override
    public int compareTo(JobId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
