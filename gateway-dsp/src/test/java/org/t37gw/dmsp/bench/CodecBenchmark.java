package org.t37gw.dmsp.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

/**
 * Pages per second, decode and encode, for our codec, the JDK's and TwelveMonkeys' ImageIO TIFF plug-ins
 * and a tiffcp process per page, on the same A4 pages. Run with {@code scripts/bench codec}; never part
 * of {@code mvn test}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms1g", "-Xmx1g"})
public class CodecBenchmark {

    @Param({"dense", "letter", "halftone", "diffused", "blank"})
    public String page;

    @Param({"MH", "MR", "MMR"})
    public String coding;

    private Bilevel raster;
    private T4Params params;
    private byte[] coded;
    private byte[] tiff;
    private byte[] out;
    private Path work;
    private Path tiffFile;
    private Path rawTiffFile;
    private BufferedImage image;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        work = Files.createTempDirectory("t37gw-bench");
        raster = BenchPages.page(page, work);
        Coding c = Coding.valueOf(coding);
        params = switch (c) {
            case MH -> T4Params.mh(raster.width()).withEndOfPage(false);
            case MR -> T4Params.mr(raster.width(), 0).withEndOfPage(false);
            case MMR -> T4Params.mmr(raster.width());
        };
        T4Encoder enc = new T4Encoder(params);
        for (int y = 0; y < raster.height(); y++) {
            enc.encodeRow(raster.data(), y * raster.rowBytes());
        }
        enc.endPage();
        coded = enc.takeBytes();
        out = new byte[raster.data().length];
        tiffFile = work.resolve("page.tif");
        try (FileChannel ch = FileChannel.open(tiffFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
             TiffFaxWriter w = new TiffFaxWriter(ch, TiffFaxWriter.Options.of(c), LocalDateTime::now)) {
            w.addPage(raster);
        }
        tiff = Files.readAllBytes(tiffFile);
        rawTiffFile = work.resolve("raw.tif");
        TestPages.writeUncompressedTiff(raster, rawTiffFile);
        image = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_BYTE_BINARY);
        byte[] px = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ~raster.data()[i]; // the default binary palette has 0 = black
        }
        System.err.printf("%s %s: %d bytes coded%n", page, coding, coded.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try (var s = Files.list(work)) {
            s.forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(work);
    }

    @Benchmark
    public int t37gwDecode() {
        T4Decoder dec = new T4Decoder(params, DecodeLimits.DEFAULT);
        dec.feed(coded, 0, coded.length);
        dec.endOfInput();
        int rb = dec.rowBytes();
        int y = 0;
        byte[] o = out;
        int h = raster.height();
        while (y < h && dec.nextRow(o, y * rb) == T4Decoder.ROW) {
            y++;
        }
        return y;
    }

    /** The page in one call, as libtiff decodes a strip (TIFFReadEncodedStrip). */
    @Benchmark
    public int t37gwDecodePage() {
        T4Decoder dec = new T4Decoder(params, DecodeLimits.DEFAULT);
        dec.feed(coded, 0, coded.length);
        dec.endOfInput();
        return dec.nextRows(out, 0, raster.height());
    }

    @Benchmark
    public int t37gwEncode() {
        T4Encoder enc = new T4Encoder(params);
        byte[] d = raster.data();
        int rb = raster.rowBytes();
        for (int y = 0, h = raster.height(); y < h; y++) {
            enc.encodeRow(d, y * rb);
        }
        enc.endPage();
        return enc.size();
    }

    @Benchmark
    public Object jdkImageIoDecode() throws Exception {
        return imageIoRead("com.sun.imageio");
    }

    @Benchmark
    public Object twelveMonkeysDecode() throws Exception {
        return imageIoRead("com.twelvemonkeys");
    }

    @Benchmark
    public int jdkImageIoEncode() throws Exception {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
        ImageWriter w = null;
        while (it.hasNext()) {
            ImageWriter c = it.next();
            if (c.getClass().getName().startsWith("com.sun.imageio")) {
                w = c;
            }
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bos)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(coding.equals("MMR") ? "CCITT T.6" : "CCITT T.4");
            w.write(null, new IIOImage(image, null, null), p);
        } finally {
            w.dispose();
        }
        return bos.size();
    }

    @Benchmark
    public int tiffcpProcessDecode() throws Exception {
        return tiffcp("none", tiffFile);
    }

    @Benchmark
    public int tiffcpProcessEncode() throws Exception {
        return tiffcp(switch (coding) {
            case "MH" -> "g3";
            case "MR" -> "g3:2d";
            default -> "g4";
        }, rawTiffFile);
    }

    private int tiffcp(String c, Path in) throws Exception {
        Path outFile = work.resolve("out.tif");
        Process p = new ProcessBuilder("tiffcp", "-c", c, in.toString(), outFile.toString())
            .redirectErrorStream(true).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("tiffcp exited " + rc);
        }
        return (int) Files.size(outFile);
    }

    private BufferedImage imageIoRead(String vendor) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(tiff))) {
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            ImageReader r = null;
            while (it.hasNext()) {
                ImageReader c = it.next();
                if (c.getClass().getName().startsWith(vendor)) {
                    r = c;
                }
            }
            if (r == null) {
                throw new IllegalStateException("no " + vendor + " TIFF reader");
            }
            try {
                r.setInput(in);
                return r.read(0);
            } finally {
                r.dispose();
            }
        }
    }
}
