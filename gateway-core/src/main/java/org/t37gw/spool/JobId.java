package org.t37gw.spool;

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
