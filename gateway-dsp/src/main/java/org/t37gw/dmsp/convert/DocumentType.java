package org.t37gw.dmsp.convert;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.t37gw.dmsp.page.Pbm;
import org.t37gw.dmsp.tiff.TiffFaxReader;

/**
 * The kinds of document {@link DocumentPages} makes fax pages of, and how a document's kind is found: by its
 * content first (magic numbers), then by a hint (a MIME {@code Content-Type} or a short name such as
 * {@code --type} takes), then as text if the bytes decode as text.
 */
public enum DocumentType {
    /** TIFF, any compression ({@code II*\0} or {@code MM\0*}). */
    TIFF("image/tiff"),
    /** Portable bitmap, P4 (raw) or P1 (plain), one or more images. */
    PBM("image/x-portable-bitmap"),
    PNG("image/png"),
    JPEG("image/jpeg"),
    GIF("image/gif"),
    BMP("image/bmp"),
    PDF("application/pdf"),
    /** text/plain. */
    TEXT("text/plain"),
    /** text/enriched (RFC 1896); never detected from content alone. */
    ENRICHED("text/enriched");

    private final String mimeType;

    DocumentType(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The MIME type this kind is usually labelled with. */
    public String mimeType() {
        return mimeType;
    }

    /** True for text/plain and text/enriched. */
    public boolean isText() {
        return this == TEXT || this == ENRICHED;
    }

    /**
     * The kind named by a hint: a short name ({@code tiff}, {@code tif}, {@code pbm}, {@code png}, {@code jpeg},
     * {@code jpg}, {@code gif}, {@code bmp}, {@code pdf}, {@code text}, {@code plain}, {@code enriched}) or a MIME
     * type with or without parameters ({@code text/enriched; charset=utf-8}). Null for null, blank, unknown, or
     * {@code application/octet-stream}.
     */
    public static DocumentType fromName(String hint) {
        if (hint == null) {
            return null;
        }
        String t = hint.strip().toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi).strip();
        }
        return switch (t) {
            case "tiff", "tif", "image/tiff", "image/tiff-fx", "image/x-tiff" -> TIFF;
            case "pbm", "image/x-portable-bitmap", "image/x-portable-anymap" -> PBM;
            case "png", "image/png" -> PNG;
            case "jpeg", "jpg", "image/jpeg", "image/jpg", "image/pjpeg" -> JPEG;
            case "gif", "image/gif" -> GIF;
            case "bmp", "image/bmp", "image/x-bmp", "image/x-ms-bmp" -> BMP;
            case "pdf", "application/pdf", "application/x-pdf" -> PDF;
            case "text", "plain", "txt", "text/plain" -> TEXT;
            case "enriched", "text/enriched" -> ENRICHED;
            default -> null;
        };
    }

    /** The kind a file's first bytes announce, or null if they announce none of ours. */
    public static DocumentType sniff(byte[] d) {
        if (TiffFaxReader.looksLikeTiff(d)) {
            return TIFF;
        }
        if (starts(d, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        if (starts(d, 0x89, 'P', 'N', 'G', 13, 10, 26, 10)) {
            return PNG;
        }
        if (starts(d, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (starts(d, 'G', 'I', 'F', '8', '7', 'a') || starts(d, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (starts(d, 'B', 'M') && d.length >= 26 && (d[6] | d[7] | d[8] | d[9]) == 0) {
            return BMP; // reserved bytes 6..9 are zero, which text starting with "BM" rarely has
        }
        if (Pbm.looksLikePbm(d)) {
            return PBM;
        }
        return null;
    }

    /**
     * The kind of a document: a text hint ({@code text/plain}, {@code text/enriched}) wins, because a text body may
     * well start like a PBM ({@code "P1 "}); otherwise the content's magic number; otherwise a non-text hint (the
     * decoder will then say what is wrong with the bytes); otherwise text/plain if the bytes decode as text in
     * {@code charset} (null: UTF-8) and is not empty.
     *
     * @return the kind, or null if the content is not recognised
     */
    public static DocumentType detect(byte[] data, String hint, Charset charset) {
        DocumentType named = fromName(hint);
        if (named != null && named.isText()) {
            return named;
        }
        DocumentType sniffed = sniff(data);
        if (sniffed != null) {
            return sniffed;
        }
        if (named != null) {
            return named;
        }
        return data.length > 0 && looksLikeText(data, charset) ? TEXT : null;
    }

    /**
     * True if {@code data} decodes in {@code charset} (null: UTF-8) without error and has no NUL and few other
     * control characters (at most 1 % besides tab, newline, carriage return, form feed and escape). An empty input
     * counts as text.
     */
    public static boolean looksLikeText(byte[] data, Charset charset) {
        Charset cs = charset == null ? StandardCharsets.UTF_8 : charset;
        String s;
        try {
            s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        int controls = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F) {
                controls++;
            }
        }
        return controls * 100L <= s.length();
    }

    private static boolean starts(byte[] d, int... magic) {
        if (d.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((d[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
