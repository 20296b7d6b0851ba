/**
 * The durable store-and-forward spool: jobs (received faxes to mail, mails to fax, mails such as DSNs
 * to deliver) written to disk before the gateway acknowledges them, and tried again with backoff
 * until done or failed for good. The full format is in {@code docs/spool-format.md}.
 *
 * <h2>On disk</h2>
 * <pre>
 *   lock                     FileChannel.tryLock() of the one process using the spool
 *   jobs/ID/fax_record       key=value text: "version=1" first, "crc32=..." last, "spool.*" keys
 *                            (state, attempts, times, result, payload sizes and CRCs) and the
 *                            application's fields; unknown keys kept across rewrites
 *   jobs/ID/fax_payload/     files the producer wrote through {@link org.t37gw.spool.PayloadSink}
 *   tmp/                     jobs being built or purged; emptied at start
 *   quarantine/              unreadable entries, moved here with a reason file, never deleted
 * </pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>{@link org.t37gw.spool.Spool#enqueue} (or {@link org.t37gw.spool.Spool#draft}, payload written
 *     through the {@link org.t37gw.spool.JobDraft} for as long as it takes, then
 *     {@link org.t37gw.spool.Spool#commit}) returns only when the job is durable: built in
 *     {@code tmp/ID}, its record written, renamed into {@code jobs/}, then every file and directory
 *     fsync'ed at once ({@code jobs/} and {@code tmp/} shared between concurrent commits); only then can
 *     it be claimed. A killed process leaves the whole job or none of it in {@code jobs/}; a power loss
 *     during those fsyncs may leave an incomplete one, which the next start quarantines.</li>
 * <li>Every state change and field update writes {@code fax_record.tmp}, fsyncs it, renames it over
 *     {@code fax_record} and fsyncs the directory: a crash leaves the old or the new record, whole.</li>
 * <li>State changes go through one {@code transitionTo()} that checks the table of
 *     {@link org.t37gw.spool.JobState} and logs one line.</li>
 * <li>{@link org.t37gw.spool.Spool#open} recovers: {@code tmp/} is emptied, a stale
 *     {@code fax_record.tmp} deleted, ACTIVE jobs requeued (attempt counted, so a job that keeps
 *     crashing the process fails under its {@link org.t37gw.spool.RetryPolicy}), unreadable
 *     entries quarantined.</li>
 * <li>{@link org.t37gw.spool.Spool#claim} hands each due job to one caller (threads of one process;
 *     a second process is refused by the lock); DONE and FAILED jobs are never handed out.</li>
 * <li>Low free space before a new job, or ENOSPC during any write, is a
 *     {@link org.t37gw.spool.SpoolFullException} and changes nothing.</li>
 * </ul>
 * Proof: {@code SpoolKillTest} kills a worker process with SIGKILL hundreds of times at random points
 * and checks these after every restart.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Spool spool = Spool.open(stateDir.resolve("spool"), clock, options);
 * JobId id = spool.enqueue(JobKind.OFFRAMP, Map.of("to", "5550100"), sink -> sink.copy("page-1.tif", tiff));
 * // a worker
 * Optional<Job> next = spool.claim(JobKind.OFFRAMP, clock.instant());
 * if (next.isPresent()) {
 *     Job job = spool.update(next.get(), Map.of("pages-confirmed", "3"));
 *     spool.complete(job);   // or spool.retry(job, ResultCode.BUSY, "busy"), spool.fail(job, code, reason)
 * }
 * }</pre>
 */
package org.t37gw.spool;
