package org.t37gw.spool;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settings of a {@link Spool}, filled from the configuration.
 *
 * @param retry        the retry policy of kinds not in {@code retryByKind}
 * @param retryByKind  policies per job kind (e.g. a longer one for OFFRAMP fax calls)
 * @param minFreeBytes {@link Spool#enqueue} refuses new jobs with {@link SpoolFullException} when the
 *                     spool's file system has fewer usable bytes
 * @param freeSpace    how usable space is measured (tests inject a fake)
 */
public record SpoolOptions(RetryPolicy retry, Map<String, RetryPolicy> retryByKind, long minFreeBytes,
                           FreeSpaceProbe freeSpace) {

    /** 64 MiB. */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

    /** Measures usable space on the file system holding a directory. */
    @FunctionalInterface
    public interface FreeSpaceProbe {
        /**
         * The file store's usable bytes. The {@link FileStore} of a directory is looked up once (on Linux
         * the lookup reads the mount table, ~100 us; asked twice per SMTP message); its usable space is
         * read anew every time (statvfs of the directory, ~2 us).
         */
        FreeSpaceProbe FILE_STORE = new FreeSpaceProbe() {
            private final Map<Path, FileStore> stores = new ConcurrentHashMap<>();

            @Override
            public long usableBytes(Path dir) throws IOException {
                FileStore store = stores.get(dir);
                if (store == null) {
                    store = Files.getFileStore(dir);
                    if (stores.size() >= 64) {
                        stores.clear();
                    }
                    stores.put(dir, store);
                }
                return store.getUsableSpace();
            }
        };

        long usableBytes(Path dir) throws IOException;
    }

    public SpoolOptions {
        Objects.requireNonNull(retry, "retry");
        retryByKind = Map.copyOf(retryByKind);
        retryByKind.keySet().forEach(JobKind::check);
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must be >= 0: " + minFreeBytes);
        }
        Objects.requireNonNull(freeSpace, "freeSpace");
    }

    /** {@link RetryPolicy#DEFAULT} for every kind, 64 MiB minimum free, the real file store. */
    public static SpoolOptions defaults() {
        return new SpoolOptions(RetryPolicy.DEFAULT, Map.of(), DEFAULT_MIN_FREE_BYTES, FreeSpaceProbe.FILE_STORE);
    }

    public SpoolOptions withRetry(RetryPolicy policy) {
        return new SpoolOptions(policy, retryByKind, minFreeBytes, freeSpace);
    }

    public SpoolOptions withRetry(String kind, RetryPolicy policy) {
        Map<String, RetryPolicy> m = new HashMap<>(retryByKind);
        m.put(kind, policy);
        return new SpoolOptions(retry, m, minFreeBytes, freeSpace);
    }

    public SpoolOptions withMinFreeBytes(long bytes) {
        return new SpoolOptions(retry, retryByKind, bytes, freeSpace);
    }

    public SpoolOptions withFreeSpace(FreeSpaceProbe probe) {
        return new SpoolOptions(retry, retryByKind, minFreeBytes, probe);
    }

    /** The policy for jobs of {@code kind}. */
    public RetryPolicy retryFor(String kind) {
        return retryByKind.getOrDefault(kind, retry);
    }
}
