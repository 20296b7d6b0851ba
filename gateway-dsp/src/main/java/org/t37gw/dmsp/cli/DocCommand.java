package org.t37gw.dmsp.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.t37gw.cli.CliCommand;
import org.t37gw.dmsp.convert.DocumentPages;
import org.t37gw.dmsp.convert.DocumentType;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.page.Pbm;
import org.t37gw.dmsp.render.BilevelMode;
import org.t37gw.dmsp.render.FaxResolution;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.render.RenderException;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;
import org.t37gw.dmsp.tiff.TiffPage;

/** {@code t37gw doc info|convert}: look into fax documents and convert them (DESIGN, CLI contract). */
public final class DocCommand implements CliCommand {

    @Override
    public String name() {
        return "doc";
    }

    @Override
    public String summary() {
        return "inspect fax documents (TIFF-F, PBM); convert documents (TIFF, PBM, images, PDF, text) to fax pages";
    }

    @Override
    public String help() {
        return """
            usage: t37gw doc info FILE [--json]
                     pages, width, length, resolution, compression, fill order, TIFF-F conformance
                   t37gw doc convert IN OUT [--encoding mh|mr|mmr] [--resolution standard|fine|superfine]
                                            [--paper a4|letter|legal|b4] [--dither|--threshold] [--charset C]
                                            [--type tiff|pbm|png|jpeg|gif|bmp|pdf|text|enriched]
                     IN: TIFF (any), PBM (P4/P1), PNG, JPEG, GIF, BMP, PDF, text/plain, by content; text/enriched
                         only with --type enriched. Text is UTF-8 unless --charset says otherwise.
                         Fax TIFF pages keep their pixels (and their resolution unless --resolution is given);
                         everything else is scaled to the paper (default A4) at 204 dpi x the resolution (default fine).
                     OUT by extension: .tif TIFF-F (default MH, profile S), .pbm P4 images one per page,
                         .g3 raw T.4 (MH or MR, EOLs, RTC after each page), .g4 raw T.6 (EOFB after each page).
            exit status: 0 done, 1 failed (unreadable, unsupported or too large input; one line says why), 2 usage,
                         3 not supported yet (doc info on formats other than TIFF and PBM)
            """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(help());
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "info" -> info(rest, out, err);
            case "convert" -> convert(rest, out, err);
            default -> {
                err.println("t37gw doc: unknown subcommand '" + args.get(0) + "' (info, convert)");
                yield USAGE;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------

    private int info(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-")) {
                err.println("t37gw doc info: unknown option " + a);
                return USAGE;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1) {
            err.println("usage: t37gw doc info FILE [--json]");
            return USAGE;
        }
        Path file = Path.of(files.get(0));
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            err.println("t37gw doc info: " + file + ": no such file");
            return FAILED;
        } catch (IOException e) {
            err.println("t37gw doc info: " + file + ": " + e.getMessage());
            return FAILED;
        }
        try {
            if (TiffFaxReader.looksLikeTiff(data)) {
                TiffFaxReader r = TiffFaxReader.open(data);
                printTiffInfo(file, r, json, out);
                return OK;
            }
            if (Pbm.looksLikePbm(data)) {
                List<Bilevel> pages = Pbm.read(data, 0, 0);
                printPbmInfo(file, pages, json, out);
                return OK;
            }
        } catch (IOException e) {
            err.println("t37gw doc info: " + file + ": " + e.getMessage());
            return FAILED;
        }
        err.println("t37gw doc info: " + file + ": not a TIFF or PBM file (other formats not supported yet)");
        return NOT_BUILT;
    }

    private static void printTiffInfo(Path file, TiffFaxReader r, boolean json, PrintStream out) {
        List<String> dev = r.deviations();
        String conformance = dev.isEmpty() ? (r.isProfileS() ? "TIFF-F profile S" : "TIFF-F profile F") : "not TIFF-F";
        if (json) {
            StringBuilder sb = new StringBuilder("{");
            sb.append("\"file\":").append(q(file.toString())).append(",\"format\":\"tiff\"");
            sb.append(",\"byteOrder\":").append(q(r.bigEndian() ? "MM" : "II"));
            sb.append(",\"pages\":").append(r.pageCount());
            sb.append(",\"tiffF\":").append(dev.isEmpty());
            sb.append(",\"profile\":").append(dev.isEmpty() ? q(r.isProfileS() ? "S" : "F") : "null");
            sb.append(",\"deviations\":[");
            for (int i = 0; i < dev.size(); i++) {
                sb.append(i > 0 ? "," : "").append(q(dev.get(i)));
            }
            sb.append("],\"pageInfo\":[");
            for (TiffPage p : r.pages()) {
                sb.append(p.index() > 0 ? "," : "").append("{\"page\":").append(p.index() + 1);
                sb.append(",\"width\":").append(p.width()).append(",\"length\":").append(p.length());
                sb.append(",\"xdpi\":").append(num(p.xdpi())).append(",\"ydpi\":").append(num(p.ydpi()));
                sb.append(",\"resolution\":").append(q(resolutionName(p)));
                sb.append(",\"compression\":").append(q(p.codingName()));
                sb.append(",\"compressionTag\":").append(p.compression());
                sb.append(",\"fillOrder\":").append(p.fillOrder());
                sb.append(",\"strips\":").append(p.stripOffsets() == null ? 0 : p.stripOffsets().length);
                sb.append(",\"bitsPerSample\":").append(p.bitsPerSample());
                sb.append(",\"samplesPerPixel\":").append(p.samplesPerPixel());
                if (p.badFaxLines() >= 0) {
                    sb.append(",\"badFaxLines\":").append(p.badFaxLines());
                }
                if (p.cleanFaxData() >= 0) {
                    sb.append(",\"cleanFaxData\":").append(p.cleanFaxData());
                }
                if (p.consecutiveBadFaxLines() >= 0) {
                    sb.append(",\"consecutiveBadFaxLines\":").append(p.consecutiveBadFaxLines());
                }
                sb.append("}");
            }
            sb.append("]}");
            out.println(sb);
            return;
        }
        out.println(file + ": TIFF (" + (r.bigEndian() ? "MM" : "II") + "), " + r.pageCount() + " page"
            + (r.pageCount() == 1 ? "" : "s") + ", " + conformance);
        for (TiffPage p : r.pages()) {
            out.printf(Locale.ROOT, "  page %d: %d x %d, %s x %s dpi (%s), %s, fill order %d, %d strip%s%s%n",
                p.index() + 1, p.width(), p.length(), num(p.xdpi()), num(p.ydpi()), resolutionName(p),
                p.codingName(), p.fillOrder(), p.stripOffsets() == null ? 0 : p.stripOffsets().length,
                p.stripOffsets() != null && p.stripOffsets().length == 1 ? "" : "s",
                p.badFaxLines() >= 0 ? ", " + p.badFaxLines() + " bad lines" : "");
        }
        for (String d : dev) {
            out.println("  TIFF-F: " + d);
        }
    }

    private static void printPbmInfo(Path file, List<Bilevel> pages, boolean json, PrintStream out) {
        if (json) {
            StringBuilder sb = new StringBuilder("{\"file\":").append(q(file.toString()));
            sb.append(",\"format\":\"pbm\",\"pages\":").append(pages.size()).append(",\"tiffF\":false,\"pageInfo\":[");
            for (int i = 0; i < pages.size(); i++) {
                sb.append(i > 0 ? "," : "").append("{\"page\":").append(i + 1).append(",\"width\":")
                    .append(pages.get(i).width()).append(",\"length\":").append(pages.get(i).height()).append("}");
            }
            out.println(sb.append("]}"));
            return;
        }
        out.println(file + ": PBM, " + pages.size() + " page" + (pages.size() == 1 ? "" : "s") + ", not TIFF-F");
        for (int i = 0; i < pages.size(); i++) {
            out.println("  page " + (i + 1) + ": " + pages.get(i).width() + " x " + pages.get(i).height());
        }
    }

    private static String resolutionName(TiffPage p) {
        long y = Math.round(p.ydpi());
        if (y == 98 || y == 100) {
            return "standard";
        }
        if (y == 196 || y == 200) {
            return "fine";
        }
        if (y == 391 || y == 400) {
            return "superfine";
        }
        return "other";
    }

    // ---------------------------------------------------------------------------------------------

    private int convert(List<String> args, PrintStream out, PrintStream err) {
        Coding coding = Coding.MH;
        DocumentPages.Options options = DocumentPages.Options.DEFAULT;
        DocumentType type = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--dither") || a.equals("--threshold")) {
                options = options.withMode(a.equals("--dither") ? BilevelMode.DITHER : BilevelMode.THRESHOLD);
                continue;
            }
            if (!a.startsWith("--")) {
                files.add(a);
                continue;
            }
            if (i + 1 >= args.size()) {
                err.println("t37gw doc convert: " + a + " needs a value");
                return USAGE;
            }
            String raw = args.get(++i);
            String v = raw.toLowerCase(Locale.ROOT);
            switch (a) {
                case "--encoding" -> {
                    switch (v) {
                        case "mh" -> coding = Coding.MH;
                        case "mr" -> coding = Coding.MR;
                        case "mmr" -> coding = Coding.MMR;
                        default -> {
                            err.println("t37gw doc convert: --encoding mh|mr|mmr, not " + raw);
                            return USAGE;
                        }
                    }
                }
                case "--resolution" -> {
                    switch (v) {
                        case "standard" -> options = options.withResolution(FaxResolution.STANDARD);
                        case "fine" -> options = options.withResolution(FaxResolution.FINE);
                        case "superfine" -> options = options.withResolution(FaxResolution.SUPERFINE);
                        default -> {
                            err.println("t37gw doc convert: --resolution standard|fine|superfine, not " + raw);
                            return USAGE;
                        }
                    }
                }
                case "--paper" -> {
                    switch (v) {
                        case "a4" -> options = options.withPaper(PaperSize.A4);
                        case "letter" -> options = options.withPaper(PaperSize.LETTER);
                        case "legal" -> options = options.withPaper(PaperSize.LEGAL);
                        case "b4" -> options = options.withPaper(PaperSize.B4);
                        default -> {
                            err.println("t37gw doc convert: --paper a4|letter|legal|b4, not " + raw);
                            return USAGE;
                        }
                    }
                }
                case "--type" -> {
                    type = DocumentType.fromName(v);
                    if (type == null || v.contains("/")) {
                        err.println("t37gw doc convert: --type tiff|pbm|png|jpeg|gif|bmp|pdf|text|enriched, not " + raw);
                        return USAGE;
                    }
                }
                case "--charset" -> {
                    try {
                        options = options.withCharset(Charset.forName(raw));
                    } catch (IllegalArgumentException e) {
                        err.println("t37gw doc convert: unknown charset " + raw);
                        return USAGE;
                    }
                }
                default -> {
                    err.println("t37gw doc convert: unknown option " + a);
                    return USAGE;
                }
            }
        }
        if (files.size() != 2) {
            err.println("usage: t37gw doc convert IN OUT [--encoding mh|mr|mmr] [--resolution standard|fine|superfine]"
                + " [--paper a4|letter|legal|b4] [--type TYPE] [--charset C] [--dither|--threshold]");
            return USAGE;
        }
        Path in = Path.of(files.get(0));
        Path outFile = Path.of(files.get(1));
        String ext = extension(outFile);
        if (!List.of("tif", "tiff", "pbm", "g3", "g4").contains(ext)) {
            err.println("t37gw doc convert: output by extension: .tif, .pbm, .g3 or .g4, not '" + outFile + "'");
            return USAGE;
        }
        if (ext.equals("g4")) {
            coding = Coding.MMR;
        } else if (ext.equals("g3") && coding == Coding.MMR) {
            err.println("t37gw doc convert: .g3 holds MH or MR; use .g4 for MMR");
            return USAGE;
        }
        DocumentPages converter = new DocumentPages(options);
        DocumentPages.Result result;
        try {
            byte[] data = converter.read(in);
            result = type != null ? converter.convert(data, type) : converter.convert(data, (String) null);
        } catch (NoSuchFileException e) {
            err.println("t37gw doc convert: " + in + ": no such file");
            return FAILED;
        } catch (IOException e) {
            err.println("t37gw doc convert: " + in + ": " + oneLine(e.toString()));
            return FAILED;
        } catch (RenderException e) {
            err.println("t37gw doc convert: " + in + ": " + oneLine(e.getMessage()));
            return FAILED;
        }
        try {
            write(result.pages(), outFile, ext, coding);
        } catch (IOException e) {
            err.println("t37gw doc convert: " + outFile + ": " + oneLine(String.valueOf(e.getMessage())));
            return FAILED;
        }
        int n = result.pages().size();
        out.println(in + " (" + result.type().mimeType() + ") -> " + outFile + ": " + n + " page" + (n == 1 ? "" : "s")
            + (result.repairedLines() > 0 ? " (" + result.repairedLines() + " bad lines repaired)" : ""));
        return OK;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static void write(List<Bilevel> pages, Path out, String ext, Coding coding) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        switch (ext) {
            case "tif", "tiff" -> {
                try (TiffFaxWriter w = new TiffFaxWriter(tmp, TiffFaxWriter.Options.of(coding))) {
                    for (Bilevel p : pages) {
                        w.addPage(p);
                    }
                }
            }
            case "pbm" -> {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    for (Bilevel p : pages) {
                        Pbm.write(p, os);
                    }
                }
            }
            default -> {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    for (Bilevel p : pages) {
                        T4Params params = switch (coding) {
                            case MH -> T4Params.mh(p.width());
                            case MR -> T4Params.mr(p.width(), Math.round(p.ydpi()) < 150 ? 2 : 4);
                            case MMR -> T4Params.mmr(p.width());
                        };
                        T4Encoder enc = new T4Encoder(params);
                        for (int y = 0; y < p.height(); y++) {
                            enc.encodeRow(p.data(), y * p.rowBytes());
                        }
                        enc.endPage();
                        enc.drainTo(os);
                    }
                }
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
