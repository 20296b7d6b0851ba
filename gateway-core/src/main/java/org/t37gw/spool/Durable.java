package org.t37gw.spool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/** File operations with the durability the spool promises: fsync of files and of directories. */
final class Durable {

    private Durable() {
    }

    /**
     * Writes {@code content} to a new file (must not exist) and returns its channel, open and not yet
     * fsync'ed: the caller forces it (with other files written before, so that one journal commit covers
     * them all) and closes it. The directory is not synced.
     */
    static FileChannel writeNewUnsynced(Path file, byte[] content) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            writeFully(ch, content);
            return ch;
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Replaces {@code file} atomically: writes {@code file.tmp}, fsyncs it, renames it over
     * {@code file}, fsyncs the directory. A crash leaves either the old or the new content, and at
     * worst a stale {@code .tmp} that recovery deletes.
     */
    static void replace(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, content);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDir(file.getParent());
    }

    /** One fsync (of a file or a directory). */
    @FunctionalInterface
    interface Force {
        void run() throws IOException;
    }

    /** At most this many fsyncs run on helper threads at a time; beyond, callers run their own. */
    static final int MAX_FORCE_THREADS = 64;

    private static final AtomicInteger FORCE_THREADS = new AtomicInteger();

    /** Helper threads for {@link #forceAll}: idle ones end after 30 s; when all are busy the caller runs it. */
    private static final ThreadPoolExecutor FORCERS = new ThreadPoolExecutor(0, MAX_FORCE_THREADS, 30,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "spool-fsync-" + FORCE_THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    /**
     * Runs fsyncs that do not depend on one another at the same time (the first on the calling thread)
     * and returns when every one has finished: each costs at least a device cache flush, and in sequence
     * they add up. Throws the first failure (the others suppressed) only after all have finished, so the
     * caller may close channels and delete files right away.
     */
    static void forceAll(List<Force> forces) throws IOException {
        List<FutureTask<Void>> others = new java.util.ArrayList<>(forces.size());
        for (int i = 1; i < forces.size(); i++) {
            Force f = forces.get(i);
            FutureTask<Void> task = new FutureTask<>(() -> {
                f.run();
                return null;
            });
            others.add(task);
            FORCERS.execute(task);
        }
        Throwable failure = null;
        if (!forces.isEmpty()) {
            try {
                forces.get(0).run();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
        }
        boolean interrupted = false;
        for (Future<Void> task : others) {
            for (;;) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the fsync runs on; it must finish before the caller goes on
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrow(failure);
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    /** fsync of a directory, so that entries created, renamed or removed in it survive a power loss. */
    static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * fsync of one directory shared by concurrent callers (group commit): a caller that made its change
     * (a rename into the directory, say) and then calls {@link #sync} returns once an fsync that started
     * after its call has finished. Callers arriving while one runs wait for it and are all covered by the
     * next one, so N concurrent publications cost about two fsyncs of the directory, not N.
     */
    static final class GroupSync {
        private final Path dir;
        /** Tickets handed out; a ticket is taken after the caller's change. */
        private long requested;
        /** Every ticket up to this one is covered by a finished fsync. */
        private long covered;
        private boolean running;

        GroupSync(Path dir) {
            this.dir = dir;
        }

        void sync() throws IOException {
            long upTo;
            boolean interrupted = false;
            synchronized (this) {
                long mine = ++requested;
                for (;;) {
                    if (covered >= mine) {
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        return;
                    }
                    if (!running) {
                        break;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // durability first; the flag is restored
                    }
                }
                running = true;
                upTo = requested;
            }
            boolean ok = false;
            try {
                syncDir(dir);
                ok = true;
            } finally {
                synchronized (this) {
                    running = false;
                    if (ok && upTo > covered) {
                        covered = upTo;
                    }
                    notifyAll();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Renames atomically (same file system) and fsyncs both directories. */
    static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDir(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            syncDir(from.getParent());
        }
    }

    /** Deletes a file or a directory tree (symbolic links are removed, not followed). */
    static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        try {
            Files.delete(p);
        } catch (NoSuchFileException ignored) {
            // already gone
        }
    }

    private static void writeFully(FileChannel ch, byte[] content) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Whether {@code t} (or a cause) is ENOSPC or EDQUOT. */
    static boolean isNoSpace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c instanceof FileSystemException f ? f.getReason() : c.getMessage();
            if (m == null && c instanceof FileSystemException) {
                m = c.getMessage();
            }
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
            if (c instanceof SpoolFullException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A payload file being written: buffered, counted, checksummed. {@link #close} flushes it and keeps
     * the channel open; {@link #sync} fsyncs and closes it (the spool does that for all files of a new job
     * after its record is written, before it publishes the job), {@link #abandon} just closes it.
     */
    static final class PayloadOutput extends OutputStream {
        private final String name;
        private final FileChannel ch;
        private final byte[] buf = new byte[64 * 1024];
        private final CRC32 crc = new CRC32();
        private int pos;
        private long size;
        private boolean closed;
        private PayloadFile result;

        PayloadOutput(String name, Path file) throws IOException {
            this.name = name;
            this.ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            if (pos == buf.length) {
                drain();
            }
            buf[pos++] = (byte) b;
            crc.update(b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            crc.update(b, off, len);
            size += len;
            if (len >= buf.length) {
                drain();
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                return;
            }
            if (pos + len > buf.length) {
                drain();
            }
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }

        @Override
        public void flush() throws IOException {
            ensureOpen();
            drain();
        }

        private void drain() throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, pos);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            pos = 0;
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("payload file " + name + " is closed");
            }
        }

        /**
         * Flushes; the file counts as written only when this returns normally. The channel stays open
         * for {@link #sync} (a failed flush closes it).
         */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                drain();
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
            result = new PayloadFile(name, size, crc.getValue());
        }

        /** fsyncs the closed file and closes its channel. */
        void sync() throws IOException {
            if (result == null) {
                throw new IOException("payload file " + name + " was not closed by the PayloadWriter");
            }
            try (ch) {
                ch.force(true);
            }
        }

        /** Closes without the guarantees (abandoning the job). */
        void abandon() {
            closed = true;
            try {
                ch.close();
            } catch (IOException ignored) {
                // the file goes away with the job's directory
            }
        }

        boolean isClosed() {
            return closed;
        }

        /** The finished file, or null unless {@link #close} succeeded. */
        PayloadFile result() {
            return result;
        }
    }
}
