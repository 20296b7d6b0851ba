package org.t37gw.dmsp.bench;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

/**
 * Writes the benchmark pages as files for the libtiff in-process run of {@code scripts/bench codec}:
 * {@code PAGE-CODING.tif} (our TIFF-F) and {@code PAGE-raw.tif} (uncompressed) in the directory given.
 */
public final class BenchFiles {

    private BenchFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (String page : new String[] {"dense", "letter", "halftone", "diffused", "blank"}) {
            Bilevel b = BenchPages.page(page, dir);
            TestPages.writeUncompressedTiff(b, dir.resolve(page + "-raw.tif"));
            for (Coding c : Coding.values()) {
                Path f = dir.resolve(page + "-" + c + ".tif");
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ);
                     TiffFaxWriter w = new TiffFaxWriter(ch, TiffFaxWriter.Options.of(c), LocalDateTime::now)) {
                    w.addPage(b);
                }
            }
        }
    }
}
