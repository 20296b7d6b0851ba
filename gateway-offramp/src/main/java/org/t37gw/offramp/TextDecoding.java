package org.t37gw.offramp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Lenient decoding of text and base64 as mail clients do it: a charset name Java does not know falls back to
 * UTF-8 when the bytes are valid UTF-8, else ISO-8859-1; base64 with bad padding, stray characters or a
 * dangling last character decodes as far as it goes. ISO-8859-1 is read as windows-1252, as mail clients and
 * browsers do (WHATWG Encoding): Outlook labels its windows-1252 text {@code iso-8859-1}, so {@code =80} is
 * the euro sign, {@code =93}/{@code =94} quotes, never C1 controls.
 */
final class TextDecoding {

    /** ISO-8859-1 as mail is written: windows-1252 (its printable superset). */
    static final Charset LATIN1 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    /** The text of {@code data} in the declared charset, or sniffed when the name is missing or unknown. */
    static String decode(byte[] data, String declared) {
        Charset cs = charset(declared);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII)) {
            // us-ascii is often a lie (8-bit bytes in a mail that declares nothing): sniff
            return isUtf8(data) ? new String(data, StandardCharsets.UTF_8)
                    : new String(data, LATIN1);
        }
        return new String(data, cs);
    }

    /** The charset named, with common misspellings, or {@code null} when unknown or absent. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("utf8") || n.equals("utf-8") || n.equals("unicode-1-1-utf-8")) {
            return StandardCharsets.UTF_8;
        }
        if (n.equals("latin1") || n.equals("latin-1") || n.equals("iso8859-1") || n.equals("iso-8859-1")) {
            return LATIN1;
        }
        try {
            Charset cs = Charset.isSupported(n) ? Charset.forName(n) : null;
            return StandardCharsets.ISO_8859_1.equals(cs) ? LATIN1 : cs;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code data} is well-formed UTF-8. */
    static boolean isUtf8(byte[] data) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Base64 as clients tolerate it: characters outside the alphabet (line breaks, spaces, junk) and every
     * {@code =} are dropped, and a dangling single character at the end (never a whole byte) is ignored.
     */
    static byte[] base64(byte[] encoded) {
        byte[] clean = new byte[encoded.length];
        int n = 0;
        for (byte b : encoded) {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/') {
                clean[n++] = b;
            }
        }
        if (n % 4 == 1) {
            n--;
        }
        byte[] exact = new byte[n];
        System.arraycopy(clean, 0, exact, 0, n);
        return Base64.getDecoder().decode(exact);
    }
}
