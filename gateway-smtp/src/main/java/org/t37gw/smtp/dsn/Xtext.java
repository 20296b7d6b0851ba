package org.t37gw.smtp.dsn;

import java.nio.charset.StandardCharsets;

/**
 * The {@code xtext} encoding of RFC 3461 §4: printable US-ASCII except {@code +} and {@code =} as
 * themselves, every other octet as {@code +XX} (upper-case hex).
 */
public final class Xtext {

    private Xtext() {
    }

    /** Encodes a string (UTF-8 octets). */
    public static String encode(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Decodes xtext.
     *
     * @throws IllegalArgumentException when it is not xtext (a bad {@code +XX}, a space, a control)
     */
    public static String decode(String xtext) {
        byte[] out = new byte[xtext.length()];
        int n = 0;
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw new IllegalArgumentException("truncated +XX in xtext");
                }
                int hi = Character.digit(xtext.charAt(i + 1), 16);
                int lo = Character.digit(xtext.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad +XX in xtext");
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c >= 33 && c <= 126 && c != '=') {
                out[n++] = (byte) c;
            } else {
                throw new IllegalArgumentException("character not allowed in xtext: " + (int) c);
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
