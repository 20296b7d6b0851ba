package org.t37gw.e2e.onramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.tiff.TiffFaxReader;

/** What the on-ramp end-to-end tests share: the spandsp peer, documents, the daemon's config, the mail. */
final class E2e {
    private E2e() {
    }

    static final String CALLED = "5550100";
    static final String TARGET = "fax-" + CALLED + "@example.com";
    static final String POSTMASTER = "postmaster@example.com";
    static final int TIME_SCALE = 10;

    static Path projectDir() {
        return Path.of(System.getProperty("t37gw.projectDir", "..")).toAbsolutePath().normalize();
    }

    /** The spandsp T.38 peer; the test is skipped (with the reason) when it or Ghostscript is missing. */
    static Path peer() {
        Path peer = projectDir().resolve("scripts/interop/bin/t38peer");
        assumeTrue(Files.isExecutable(peer), "skipped: the spandsp peer " + peer
                + " is not built (run scripts/interop/build; needs libspandsp-dev and libtiff)");
        assumeTrue(onPath("gs"), "skipped: gs (Ghostscript) is not installed; it makes the peer's documents");
        return peer;
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A multi-page TIFF made by Ghostscript's {@code device} (tiffg3 = MH, tiffg32d = MR, tiffg4 = MMR) from
     * PostScript: short A4-wide pages, each with its own number in text and its own diagonal.
     */
    static Path document(Path dir, String name, String device, boolean fine, int pages) throws Exception {
        Path tif = dir.resolve(name);
        StringBuilder ps = new StringBuilder("/Helvetica findfont 30 scalefont setfont 2 setlinewidth ");
        for (int i = 1; i <= pages; i++) {
            ps.append(String.format(Locale.ROOT, "50 %d moveto (t37gw on-ramp e2e, page %d of %d) show ",
                    30 + 9 * i, i, pages));
            ps.append(String.format(Locale.ROOT, "%d 8 moveto %d 230 lineto stroke ", 40 * i, 1690 - 37 * i));
            ps.append(String.format(Locale.ROOT, "%d 150 %d 0 360 arc stroke showpage ", 900 + 25 * i, 5 + 3 * i));
        }
        Path psFile = dir.resolve(name + ".ps");
        Files.writeString(psFile, ps.toString(), StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=" + device,
                fine ? "-r204x196" : "-r204x98", fine ? "-g1728x520" : "-g1728x260", "-sOutputFile=" + tif,
                psFile.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gs hung");
        assertEquals(0, p.exitValue(), "gs: " + out);
        assertEquals(pages, TiffFaxReader.open(tif).pageCount(), "gs made a document of the wrong length");
        return tif;
    }

    /**
     * The daemon's config: one t38 voice-port per entry of {@code udp} ({@code {ours, peer's}}), port N answering
     * for 555010(N-1), the on-ramp's pots and mmoip dial-peers, mail by SMTP to 127.0.0.1:smtpPort.
     */
    static String config(int smtpPort, String imageEncoding, int[]... udp) {
        StringBuilder c = new StringBuilder("""
                hostname gw.e2e
                mta send server 127.0.0.1 port %d
                mta send postmaster %s
                mta send mail-from hostname gw.e2e
                fax receive called-subscriber $d$
                !
                """.formatted(smtpPort, POSTMASTER));
        for (int i = 0; i < udp.length; i++) {
            c.append("voice-port ").append(i + 1).append('\n')
                    .append(" driver t38 local 127.0.0.1:").append(udp[i][0]).append(" remote 127.0.0.1:")
                    .append(udp[i][1]).append(" called-number 555010").append(i).append("\n!\n");
        }
        for (int i = 0; i < udp.length; i++) {
            c.append("""
                    dial-peer voice %d pots
                     application fax_on_vfc_onramp_app
                     incoming called-number 555....
                     direct-inward-dial
                     port %d
                    !
                    """.formatted(10 + i, i + 1));
        }
        c.append("""
                dial-peer voice 20 mmoip
                 application fax_on_vfc_onramp_app out-bound
                 destination-pattern 555....
                 session target mailto:fax-$d$@example.com
                 image encoding %s
                """.formatted(imageEncoding));
        return c.toString();
    }

    /** Starts {@code t38peer send} of {@code doc} from UDP port {@code udp[1]} to the daemon's {@code udp[0]}. */
    static Process sendFax(Path peer, Path dir, Path doc, int[] udp, boolean ecm, String tag) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(peer.toString(), "send", doc.toString(), "" + udp[1],
                "127.0.0.1", "" + udp[0], "--time-scale", "" + TIME_SCALE, "--timeout", "150", "--verbose"));
        if (ecm) {
            cmd.add("--ecm");
        }
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(tag + ".json").toFile())
                .redirectError(dir.resolve(tag + ".log").toFile()).start();
    }

    /** Waits for the peer and returns its JSON line (with the end of its log when it did not finish). */
    static String peerResult(Process p, Path dir, String tag, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the spandsp peer did not finish within " + seconds + " s\n" + peerLog(dir, tag));
        }
        return Files.readString(dir.resolve(tag + ".json")).trim();
    }

    static String peerLog(Path dir, String tag) throws IOException {
        List<String> log = Files.readAllLines(dir.resolve(tag + ".log"));
        return "spandsp log (end):\n" + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size()));
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]*)").matcher(json);
        return m.find() ? m.group(1).replace("\"", "") : null;
    }

    static int[] freeUdpPorts(int n) throws IOException {
        DatagramSocket[] s = new DatagramSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                s[i] = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                ports[i] = s[i].getLocalPort();
            }
        } finally {
            for (DatagramSocket d : s) {
                if (d != null) {
                    d.close();
                }
            }
        }
        return ports;
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A received mail, parsed. */
    record Mail(MimeMessage message) {
        static Mail parse(byte[] data) throws Exception {
            return new Mail(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data)));
        }

        String header(String name) throws Exception {
            String v = message.getHeader(name, ",");
            assertNotNull(v, "no " + name + " header");
            return v.trim();
        }

        /** The first {@code image/tiff} part, searched depth first (a postmaster copy nests the fax mail). */
        byte[] tiff() throws Exception {
            byte[] t = find(message);
            assertNotNull(t, "no image/tiff part");
            return t;
        }

        /** The first nested {@code message/rfc822} part. */
        Mail nested() throws Exception {
            Object c = message.getContent();
            if (c instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    if (b.isMimeType("message/rfc822")) {
                        Object inner = b.getContent();
                        if (inner instanceof MimeMessage m) {
                            return new Mail(m);
                        }
                        try (InputStream in = b.getInputStream()) {
                            return parse(in.readAllBytes());
                        }
                    }
                }
            }
            throw new AssertionError("no message/rfc822 part");
        }

        String text() throws Exception {
            StringBuilder sb = new StringBuilder();
            collectText(message, sb);
            return sb.toString();
        }

        private static void collectText(Part p, StringBuilder sb) throws Exception {
            if (p.isMimeType("text/*")) {
                sb.append(p.getContent()).append('\n');
            } else if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    collectText(mp.getBodyPart(i), sb);
                }
            }
        }

        private static byte[] find(Part p) throws Exception {
            if (p.isMimeType("image/tiff")) {
                try (InputStream in = p.getInputStream()) {
                    return in.readAllBytes();
                }
            }
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    byte[] t = find(mp.getBodyPart(i));
                    if (t != null) {
                        return t;
                    }
                }
            }
            if (p.isMimeType("message/rfc822")) {
                Object inner = p.getContent();
                return find(inner instanceof Part ip ? ip : parse(((InputStream) inner).readAllBytes()).message());
            }
            return null;
        }
    }

    /**
     * The attachment holds exactly the first {@code pages} pages of {@code sent}, pixel for pixel (both decoded
     * by our {@link TiffFaxReader}; {@code sent} was made by Ghostscript/libtiff).
     */
    static TiffFaxReader assertPages(Path sent, byte[] attachment, int pages, String context) throws Exception {
        TiffFaxReader a = TiffFaxReader.open(sent);
        TiffFaxReader b = TiffFaxReader.open(attachment);
        assertEquals(pages, b.pageCount(), "pages in the attachment\n" + context);
        for (int i = 0; i < pages; i++) {
            Bilevel x = a.decodePage(i).image();
            Bilevel y = b.decodePage(i).image();
            assertTrue(x.samePixels(y), "page " + (i + 1) + ": " + x.firstDifference(y) + "\n" + context);
        }
        return b;
    }

    /**
     * A second opinion from libtiff, when its tools are installed: {@code tiffcp -c none} of both files, then
     * {@code tiffcmp -t} (pixels only) of every page. Returns false when the tools are missing.
     */
    static boolean libtiffAgrees(Path sent, byte[] attachment, Path dir, String context) throws Exception {
        if (!onPath("tiffcp") || !onPath("tiffcmp")) {
            return false;
        }
        Path att = dir.resolve("attachment.tif");
        Files.write(att, attachment);
        Path a = dir.resolve("sent-raw.tif");
        Path b = dir.resolve("attachment-raw.tif");
        run(dir, "tiffcp", "-c", "none", "-f", "msb2lsb", sent.toString(), a.toString());
        run(dir, "tiffcp", "-c", "none", "-f", "msb2lsb", att.toString(), b.toString());
        // -t: go on after tag differences; the tags that may differ (who wrote it, page numbers, strips) are
        // reported and ignored; any other line (pixels, sizes, the page count) is a difference
        String out = runAnyExit(dir, "tiffcmp", "-t", a.toString(), b.toString());
        for (String line : out.split("\n")) {
            if (!line.isBlank() && !line.startsWith("Directory ") && !TOLERATED_TAG.matcher(line).lookingAt()) {
                throw new AssertionError("libtiff sees a difference: " + line + "\n" + out + "\n" + context);
            }
        }
        return true;
    }

    private static final Pattern TOLERATED_TAG = Pattern.compile(
            "(PageNumber|Software|DateTime|ImageDescription|DocumentName|RowsPerStrip|StripByteCounts|ResolutionUnit"
                    + "|NewSubfileType|SubFileType|BadFaxLines|CleanFaxData|Orientation):");

    private static String runAnyExit(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        return out;
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** A clock the test can move forward (the daemon's injected clock): system time plus an offset. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            offset.updateAndGet(o -> o.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this; // a UTC test clock: nothing here asks for another zone
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
