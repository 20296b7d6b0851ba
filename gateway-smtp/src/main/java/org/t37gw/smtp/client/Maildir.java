package org.t37gw.smtp.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery into a Maildir (D. J. Bernstein, "Using maildir format", cr.yp.to/proto/maildir.html):
 * the message is written to {@code tmp/} under a unique name, fsync'ed, then renamed into {@code new/}
 * and the directory fsync'ed. A crash before the rename leaves at most a file in {@code tmp/} (which
 * {@link #cleanTmp} removes after 36 hours, as the spec says), never a partial file in {@code new/}.
 *
 * <p>Unique names follow the spec's current form {@code SECONDS.MmicrosPpidQnRrandom.HOST}, the host
 * with {@code /} and {@code :} escaped as {@code \057} and {@code \072}. As a local delivery agent
 * does, the file starts with {@code Return-Path:} and {@code Delivered-To:} and uses LF line ends.
 *
 * <p>Thread-safe.
 */
public final class Maildir {

    private static final Logger log = LoggerFactory.getLogger(Maildir.class);

    /** How old a {@code tmp/} file must be for {@link #cleanTmp} (the spec: 36 hours). */
    public static final Duration TMP_MAX_AGE = Duration.ofHours(36);

    private final Path root;
    private final String host;
    private final Clock clock;
    private final AtomicLong deliveries = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final long pid = ProcessHandle.current().pid();
    private final BeforeRename hook;

    /** Test seam: runs after the file in {@code tmp/} is complete and before it is renamed. */
    @FunctionalInterface
    interface BeforeRename {
        BeforeRename NONE = tmp -> { };

        void run(Path tmp) throws IOException;
    }

    /**
     * @param root     the Maildir (created with {@code tmp/ new/ cur/} when missing)
     * @param hostname this host's name, part of every file name
     * @param clock    for the time part of file names
     */
    public Maildir(Path root, String hostname, Clock clock) {
        this(root, hostname, clock, BeforeRename.NONE);
    }

    Maildir(Path root, String hostname, Clock clock, BeforeRename hook) {
        this.root = Objects.requireNonNull(root, "root");
        this.host = hostname.replace("/", "\\057").replace(":", "\\072");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hook = hook;
    }

    public Path root() {
        return root;
    }

    /** Creates {@code tmp/ new/ cur/} when missing. */
    public void create() throws IOException {
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(root.resolve(d));
        }
    }

    /**
     * Delivers one message.
     *
     * @param returnPath  the envelope sender ({@code ""} for {@code <>}), written as {@code Return-Path:}
     * @param deliveredTo the envelope recipient, written as {@code Delivered-To:}
     * @param message     the message, CRLF or LF line ends
     * @return the file in {@code new/}
     */
    public Path deliver(String returnPath, String deliveredTo, Path message) throws IOException {
        create();
        Path tmp;
        String name;
        for (;;) {
            name = uniqueName();
            tmp = root.resolve("tmp").resolve(name);
            try {
                Files.createFile(tmp);
                break;
            } catch (FileAlreadyExistsException e) {
                // the spec: wait and try again; a new name is as good
            }
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 InputStream in = new BufferedInputStream(Files.newInputStream(message))) {
                OutputStream out = Channels.newOutputStream(ch);
                String head = "Return-Path: <" + returnPath + ">\nDelivered-To: " + deliveredTo + "\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                copyToLf(in, out);
                out.flush();
                ch.force(true);
            }
            hook.run(tmp);
            Path target = root.resolve("new").resolve(name);
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDir(root.resolve("new"));
            log.info("delivered to {} in Maildir {}", deliveredTo, target);
            return target;
        } catch (IOException | RuntimeException e) {
            // an Error is treated like a crash: the tmp/ file stays for cleanTmp
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Copies, turning each CRLF into LF (a bare CR stays). */
    private static void copyToLf(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        byte[] o = new byte[buf.length + 1];
        boolean cr = false;
        for (int n; (n = in.read(buf)) > 0; ) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (cr && b != '\n') {
                    o[k++] = '\r';
                }
                cr = b == '\r';
                if (!cr) {
                    o[k++] = b;
                }
            }
            out.write(o, 0, k);
        }
        if (cr) {
            out.write('\r');
        }
    }

    private String uniqueName() {
        Instant now = clock.instant();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + pid + "Q" + deliveries.incrementAndGet()
                + "R" + HexFormat.of().toHexDigits(random.nextLong()) + "." + host;
    }

    /** Removes files in {@code tmp/} not changed for {@code age}; returns how many. */
    public int cleanTmp(Duration age) throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        Instant limit = clock.instant().minus(age);
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(limit)) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        }
        if (n > 0) {
            log.info("Maildir {}: removed {} stale files from tmp/", root, n);
        }
        return n;
    }

    private static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public String toString() {
        return "Maildir[" + root + "]";
    }
}
