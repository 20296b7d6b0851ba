package org.t37gw.spool;

import java.util.regex.Pattern;

/**
 * One file of a job's payload, as listed in its record ({@code spool.payload.NAME=SIZE CRC32}).
 *
 * @param name  file name inside {@code fax_payload/}: 1..100 of {@code [A-Za-z0-9._-]}, not starting with a dot
 * @param size  length in bytes
 * @param crc32 CRC-32 of the content
 */
public record PayloadFile(String name, long size, long crc32) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    public PayloadFile {
        checkName(name);
        if (size < 0) {
            throw new IllegalArgumentException("negative payload size: " + size);
        }
        if (crc32 < 0 || crc32 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("crc32 out of range: " + crc32);
        }
    }

    /** Whether {@code name} may name a payload file. */
    public static boolean isValidName(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static String checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid payload file name: " + name);
        }
        return name;
    }
}
