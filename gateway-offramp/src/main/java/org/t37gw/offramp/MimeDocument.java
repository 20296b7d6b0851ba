package org.t37gw.offramp;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail to fax, taken apart (RFC 2045-2049): the parts that become fax pages, in order, and the parts
 * that cannot, each named for the DSN.
 *
 * <p>What is rendered: {@code text/plain} in any charset (and unknown {@code text/*}, RFC 2046 §4.1.4),
 * {@code text/enriched}, {@code text/html} (as structured text, {@link HtmlText}; nothing is fetched),
 * {@code image/tiff}, {@code application/pdf}, {@code image/png|jpeg|gif}, and
 * {@code application/octet-stream} named {@code .tif .tiff .pdf .png .jpg .jpeg .gif}.
 * {@code multipart/mixed} (and unknown multiparts) renders every part; {@code multipart/alternative} its
 * best part (TIFF, then text/enriched, then text/plain, then text/html; ties go to the later part,
 * RFC 2046 §5.1.4); {@code multipart/related} its root; {@code message/rfc822} its body.
 *
 * <p>Leniency, as mail clients practise it: a missing final boundary or boundary parameter (Jakarta Mail
 * defaults), base64 with bad padding or junk ({@link TextDecoding#base64}), an unknown or missing charset
 * (UTF-8 if the bytes are valid UTF-8, else ISO-8859-1), a broken Content-Type (its type if one can be
 * read, else text/plain as RFC 2045 §5.2 says). Blank text parts are dropped without mention. Nesting is
 * cut at {@value #MAX_DEPTH} levels and {@value #MAX_PARTS} parts; what lies beyond is named as skipped.
 */
public final class MimeDocument {

    /** Deepest nesting of multiparts and messages followed. */
    public static final int MAX_DEPTH = 16;
    /** Most parts looked at. */
    public static final int MAX_PARTS = 500;

    private static final Pattern TYPE_PREFIX = Pattern.compile("^\\s*([A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+)");

    /** How a part becomes pages. */
    public enum Kind {
        /** text/plain (also html converted to text): text-to-fax. */
        TEXT,
        /** text/enriched: text-to-fax. */
        ENRICHED,
        /** TIFF: fax pages, sent as they are. */
        TIFF,
        /** PDF, rendered. */
        PDF,
        /** PNG, JPEG, GIF. */
        IMAGE;

        /** Whether pages of this kind are made by text-to-fax (Cisco stamps headers on these only). */
        public boolean isText() {
            return this == TEXT || this == ENRICHED;
        }
    }

    /**
     * One part to render.
     *
     * @param name        how to name it in a report, e.g. {@code part 2 "report.pdf" (application/pdf)}
     * @param kind        how it is rendered
     * @param contentType the hint for {@code DocumentPages} (text is always re-encoded as UTF-8)
     * @param data        the decoded content
     */
    public record Content(String name, Kind kind, String contentType, byte[] data) {
        public Content {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A part that is not rendered, and why. */
    public record Skipped(String name, String reason) {
        @Override
        public String toString() {
            return name + ": " + reason;
        }
    }

    private final List<Content> contents = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<String> headerLines = new ArrayList<>();
    private String subject;
    private String from;
    private String messageId;
    private String dispositionNotificationTo;
    private String topContentType;
    private int partCounter;

    private MimeDocument() {
    }

    private static Session session() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        return Session.getInstance(p);
    }

    /** Takes apart a whole message (RFC 5322 bytes). Broken MIME never throws; unreadable parts are skipped. */
    public static MimeDocument parse(byte[] message) throws IOException {
        MimeDocument d = new MimeDocument();
        try {
            MimeMessage m = new MimeMessage(session(), new ByteArrayInputStream(message));
            d.subject = header(m, "Subject");
            d.from = header(m, "From");
            d.messageId = header(m, "Message-ID");
            d.dispositionNotificationTo = header(m, "Disposition-Notification-To");
            d.topContentType = header(m, "Content-Type");
            Enumeration<Header> hs = m.getAllHeaders();
            while (hs.hasMoreElements()) {
                Header h = hs.nextElement();
                d.headerLines.add(h.getName() + ": " + decodeText(unfold(h.getValue())));
            }
            if (d.subject != null) {
                d.subject = decodeText(d.subject);
            }
            d.walk(m, 0);
        } catch (MessagingException e) {
            d.skipped.add(new Skipped("message", "unreadable: " + e.getMessage()));
        }
        return d;
    }

    /** The parts to render, in order. */
    public List<Content> contents() {
        return List.copyOf(contents);
    }

    /** The parts not rendered, in order. */
    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** Whether any part is made by text-to-fax. */
    public boolean hasText() {
        return contents.stream().anyMatch(c -> c.kind().isText());
    }

    /** The decoded Subject, or {@code null}. */
    public String subject() {
        return subject;
    }

    /** The From header as written, or {@code null}. */
    public String from() {
        return from;
    }

    /** The Message-ID, or {@code null}. */
    public String messageId() {
        return messageId;
    }

    /** The Disposition-Notification-To header (RFC 8098), or {@code null}. */
    public String dispositionNotificationTo() {
        return dispositionNotificationTo;
    }

    /** The top-level Content-Type as written, or {@code null}. */
    public String contentType() {
        return topContentType;
    }

    /** Every header line of the message, unfolded and decoded (for {@code coverpage show-detail}). */
    public List<String> headerLines() {
        return List.copyOf(headerLines);
    }

    private static String header(Part p, String name) throws MessagingException {
        String[] v = p.getHeader(name);
        return v == null || v.length == 0 ? null : unfold(v[0]).strip();
    }

    private static String unfold(String s) {
        return s == null ? null : s.replaceAll("\r?\n[ \t]+", " ").replace("\r", "").replace("\n", "");
    }

    private static String decodeText(String s) {
        try {
            return MimeUtility.decodeText(s);
        } catch (IOException | RuntimeException e) {
            return s;
        }
    }

    // ------------------------------------------------------------------ walking

    private record Type(String base, ContentType parsed) {
        String param(String name) {
            return parsed == null ? null : parsed.getParameter(name);
        }

        String primary() {
            int slash = base.indexOf('/');
            return slash < 0 ? base : base.substring(0, slash);
        }
    }

    private static Type type(Part p) {
        String raw;
        try {
            String[] h = p.getHeader("Content-Type");
            raw = h == null || h.length == 0 ? null : unfold(h[0]);
        } catch (MessagingException e) {
            raw = null;
        }
        if (raw == null || raw.isBlank()) {
            return new Type("text/plain", null);
        }
        try {
            ContentType ct = new ContentType(raw);
            return new Type(ct.getBaseType().toLowerCase(Locale.ROOT), ct);
        } catch (ParseException | RuntimeException e) {
            Matcher m = TYPE_PREFIX.matcher(raw);
            if (m.find()) {
                String base = m.group(1).toLowerCase(Locale.ROOT);
                try { // parameters may still be readable after a clean type
                    return new Type(base, new ContentType(base + raw.substring(m.end()).replaceAll("^\\s*;?", ";")));
                } catch (ParseException | RuntimeException e2) {
                    return new Type(base, null);
                }
            }
            return new Type("text/plain", null);
        }
    }

    private String name(Part p, int number, Type t) {
        String file = fileName(p, t);
        return "part " + number + (file == null ? "" : " \"" + file + "\"") + " (" + t.base() + ")";
    }

    private static String fileName(Part p, Type t) {
        String f = null;
        try {
            f = p.getFileName();
        } catch (MessagingException | RuntimeException e) {
            f = null;
        }
        if (f == null) {
            f = t.param("name");
        }
        if (f != null) {
            f = decodeText(f).strip();
        }
        return f == null || f.isEmpty() ? null : f;
    }

    /** The body of {@code p}, transfer decoding undone leniently; {@code null} for an unknown encoding. */
    private static byte[] body(Part p) throws MessagingException, IOException {
        String[] h = p.getHeader("Content-Transfer-Encoding");
        String enc = h == null || h.length == 0 ? "7bit" : h[0].strip().toLowerCase(Locale.ROOT);
        InputStream raw = p instanceof MimeBodyPart b ? b.getRawInputStream()
                : p instanceof MimeMessage m ? m.getRawInputStream() : p.getInputStream();
        try (raw) {
            byte[] bytes = raw.readAllBytes();
            return switch (enc) {
                case "7bit", "8bit", "binary", "" -> bytes;
                case "base64" -> TextDecoding.base64(bytes);
                case "quoted-printable", "uuencode", "x-uuencode", "x-uue" -> {
                    try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(bytes), enc)) {
                        yield in.readAllBytes();
                    }
                }
                default -> null;
            };
        }
    }

    private void walk(Part p, int depth) throws MessagingException {
        int number = ++partCounter;
        Type t = type(p);
        String name = name(p, number, t);
        if (number > MAX_PARTS) {
            if (number == MAX_PARTS + 1) {
                skipped.add(new Skipped(name, "more than " + MAX_PARTS + " parts: the rest is not rendered"));
            }
            return;
        }
        byte[] body;
        try {
            body = body(p);
        } catch (IOException | RuntimeException e) {
            skipped.add(new Skipped(name, "unreadable: " + e.getMessage()));
            return;
        }
        if (body == null) {
            skipped.add(new Skipped(name, "unknown transfer encoding"));
            return;
        }
        if (t.primary().equals("multipart")) {
            if (depth >= MAX_DEPTH) {
                skipped.add(new Skipped(name, "nested deeper than " + MAX_DEPTH + " levels"));
                return;
            }
            List<BodyPart> parts = parts(body, t, name);
            if (parts == null) {
                return;
            }
            switch (t.base()) {
                case "multipart/alternative" -> {
                    BodyPart best = null;
                    int bestRank = 0;
                    for (BodyPart bp : parts) {
                        int r = rank(bp, depth + 1);
                        if (r > 0 && r >= bestRank) {
                            best = bp;
                            bestRank = r;
                        }
                    }
                    if (best == null) {
                        skipped.add(new Skipped(name, "no alternative can be rendered"));
                    } else {
                        walk(best, depth + 1);
                    }
                }
                case "multipart/related" -> {
                    BodyPart root = root(parts, t.param("start"));
                    walk(root, depth + 1); // the other parts are resources of the root (inline images): not pages
                }
                default -> {
                    for (BodyPart bp : parts) {
                        walk(bp, depth + 1);
                    }
                }
            }
            return;
        }
        if (t.base().equals("message/rfc822") || t.base().equals("message/global")) {
            if (depth >= MAX_DEPTH) {
                skipped.add(new Skipped(name, "nested deeper than " + MAX_DEPTH + " levels"));
                return;
            }
            walk(new MimeMessage(session(), new ByteArrayInputStream(body)), depth + 1);
            return;
        }
        leaf(p, t, name, body);
    }

    private List<BodyPart> parts(byte[] body, Type t, String name) {
        String ct = t.parsed() != null ? t.parsed().toString() : t.base();
        try {
            MimeMultipart mp = new MimeMultipart(new ByteArrayDataSource(body, ct));
            List<BodyPart> list = new ArrayList<>();
            for (int i = 0; i < mp.getCount(); i++) {
                list.add(mp.getBodyPart(i));
            }
            if (list.isEmpty()) {
                skipped.add(new Skipped(name, "multipart without parts"));
                return null;
            }
            return list;
        } catch (MessagingException | RuntimeException e) {
            skipped.add(new Skipped(name, "unreadable multipart: " + e.getMessage()));
            return null;
        }
    }

    private static BodyPart root(List<BodyPart> parts, String start) throws MessagingException {
        if (start != null) {
            for (BodyPart bp : parts) {
                String[] id = bp.getHeader("Content-ID");
                if (id != null && id.length > 0 && id[0].strip().equals(start.strip())) {
                    return bp;
                }
            }
        }
        return parts.get(0);
    }

    /** How good an alternative is: 0 cannot be rendered; TIFF 5, enriched 4, plain 3, html 2, others 1. */
    private static int rank(Part p, int depth) throws MessagingException {
        Type t = type(p);
        if (t.primary().equals("multipart")) {
            if (depth >= MAX_DEPTH) {
                return 0;
            }
            try {
                byte[] body = body(p);
                if (body == null) {
                    return 0;
                }
                MimeMultipart mp = new MimeMultipart(new ByteArrayDataSource(body,
                        t.parsed() != null ? t.parsed().toString() : t.base()));
                int best = 0;
                for (int i = 0; i < mp.getCount(); i++) {
                    best = Math.max(best, rank(mp.getBodyPart(i), depth + 1));
                }
                return t.base().equals("multipart/related") ? Math.min(best, 2) : best;
            } catch (IOException | MessagingException | RuntimeException e) {
                return 0;
            }
        }
        Kind k = kindOf(t, fileName(p, t));
        if (k == null) {
            return t.base().equals("message/rfc822") ? 1 : 0;
        }
        return switch (k) {
            case TIFF -> 5;
            case ENRICHED -> 4;
            case TEXT -> t.base().equals("text/html") ? 2 : 3;
            default -> 1;
        };
    }

    /** How a leaf part is rendered, or {@code null} when it cannot be. */
    private static Kind kindOf(Type t, String fileName) {
        String base = t.base();
        switch (base) {
            case "text/enriched":
                return Kind.ENRICHED;
            case "image/tiff", "image/tiff-fx", "image/x-tiff":
                return Kind.TIFF;
            case "application/pdf", "application/x-pdf":
                return Kind.PDF;
            case "image/png", "image/jpeg", "image/jpg", "image/pjpeg", "image/gif":
                return Kind.IMAGE;
            default:
                break;
        }
        if (t.primary().equals("text") && !base.equals("text/rtf") && !base.equals("text/richtext")) {
            return Kind.TEXT;
        }
        if ((base.equals("application/octet-stream") || base.equals("application/binary")) && fileName != null) {
            String f = fileName.toLowerCase(Locale.ROOT);
            if (f.endsWith(".tif") || f.endsWith(".tiff")) {
                return Kind.TIFF;
            }
            if (f.endsWith(".pdf")) {
                return Kind.PDF;
            }
            if (f.endsWith(".png") || f.endsWith(".jpg") || f.endsWith(".jpeg") || f.endsWith(".gif")) {
                return Kind.IMAGE;
            }
        }
        return null;
    }

    private void leaf(Part p, Type t, String name, byte[] body) {
        Kind k = kindOf(t, fileName(p, t));
        if (k == null) {
            skipped.add(new Skipped(name, "content type " + t.base() + " cannot be faxed"));
            return;
        }
        switch (k) {
            case TEXT, ENRICHED -> {
                String text = TextDecoding.decode(body, t.param("charset"));
                if (t.base().equals("text/html")) {
                    text = HtmlText.toText(text);
                }
                if (text.isBlank()) {
                    return; // an empty body next to an attachment: nothing to say
                }
                String hint = (k == Kind.ENRICHED ? "text/enriched" : "text/plain") + "; charset=UTF-8";
                contents.add(new Content(name, k, hint, text.getBytes(StandardCharsets.UTF_8)));
            }
            case TIFF -> contents.add(new Content(name, k, "image/tiff", body));
            case PDF -> contents.add(new Content(name, k, "application/pdf", body));
            case IMAGE -> contents.add(new Content(name, k, t.base().equals("application/octet-stream")
                    || t.base().equals("application/binary") ? "application/octet-stream" : t.base(), body));
        }
    }
}
