package org.t37gw.onramp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dmsp.tiff.DecodedPage;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;
import org.t37gw.dmsp.tiff.TiffPage;
import org.t37gw.smtp.client.OutboundMail;
import org.t37gw.smtp.mail.ComposedMail;
import org.t37gw.smtp.mail.FaxMailRequest;
import org.t37gw.smtp.mail.MailComposer;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.smtp.mail.SessionTarget.UnresolvedTargetException;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.Spool;

/**
 * Turns a claimed ONRAMP job and its TIFF-F file into a MAIL job: composes the mail with {@link MailComposer}
 * from the facts in the job's record, spools it durably, and only then completes the ONRAMP job. Also
 * recovers jobs a crash left behind (pages on disk, no mail yet).
 *
 * <p>The MAIL job carries {@code onramp.job=ID}: a recovered ONRAMP job whose MAIL job already exists (the
 * process died between the two) is completed without mailing it twice.
 */
final class OnRampDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OnRampDelivery.class);

    private final Spool spool;
    private final Path workDir;
    private final Clock clock;
    private final Supplier<String> ids;

    /** Told after each MAIL job is spooled (wakes the delivery service). */
    private Runnable mailSpooled = () -> { };

    void onMailSpooled(Runnable r) {
        mailSpooled = r;
    }

    OnRampDelivery(Spool spool, Path workDir, Clock clock, Supplier<String> ids) {
        this.spool = spool;
        this.workDir = workDir;
        this.clock = clock;
        this.ids = ids;
    }

    /** Where the pages of the job with this id grow. */
    Path tiffOf(JobId id) {
        return workDir.resolve(id.value() + ".tif");
    }

    private Path recoveredTiffOf(JobId id) {
        return workDir.resolve(id.value() + ".recovered.tif");
    }

    /**
     * Mails the fax of a claimed ONRAMP job whose record holds the facts ({@code fax.*}), then completes the
     * job and removes the file. A job without pages fails (nothing to mail). A session target that cannot be
     * turned into an address fails the job with 702 and keeps the file (logged at ERROR).
     *
     * @return the MAIL job, or empty when nothing was mailed
     * @throws IOException when the MAIL job cannot be spooled (the ONRAMP job is left as it was)
     */
    Optional<JobId> deliver(Job job, Path tiff, GatewayConfig config) throws IOException {
        Map<String, String> f = job.fields();
        Optional<JobId> existing = mailOf(job.id());
        if (existing.isPresent()) {
            LOG.info("job {}: mail {} already spooled before the restart; not mailing again", job.id(),
                    existing.get());
            spool.complete(spool.update(job, Map.of(OnRampRecord.MAIL_JOB, existing.get().value())));
            deleteFiles(job.id());
            return existing;
        }
        int pages = OnRampRecord.intOf(f, OnRampRecord.PAGES, 0);
        if (pages == 0) {
            spool.fail(job, ResultCode.NOT_A_FAX, "no page received: nothing to mail"
                    + reasonSuffix(f.get(OnRampRecord.REASON)));
            deleteFiles(job.id());
            return Optional.empty();
        }
        MailComposer composer = MailComposer.of(config, clock, ids);
        FaxMailRequest request = request(job, tiff, List.of());
        if (config.mtaSend().attachPdf()) {
            // mta send attach-pdf: a PDF of the same pages beside the TIFF-F, for recipients without a TIFF viewer
            Path pdf = workDir.resolve(job.id().value() + ".pdf");
            try {
                org.t37gw.dmsp.pdf.FaxPdf.write(tiff, pdf);
                request = request(job, tiff, List.of(new FaxMailRequest.Attachment(pdf,
                        composer.attachmentName(request).replaceFirst("\\.tiff?$", "") + ".pdf", "application/pdf")));
            } catch (IOException | RuntimeException e) {
                LOG.warn("job {}: no PDF beside the TIFF ({}); mailing the TIFF-F alone", job.id(), e.toString());
            }
        }
        DialPeer peer = mailPeer(f, "mailto:" + f.get(OnRampRecord.MAILTO));
        if (!composer.shouldMail(request)) {
            String postmaster = config.mtaSend().postmaster();
            if (postmaster != null) {
                LOG.info("job {}: mta send success-fax-only and the fax is {}: mailed to the postmaster {}",
                        job.id(), request.outcome().label(), postmaster);
                peer = mailPeer(f, "mailto:" + postmaster);
            } else {
                LOG.warn("job {}: mta send success-fax-only and the fax is {}, but no mta send postmaster: "
                        + "mailed to {} as usual (a received fax is never dropped)", job.id(),
                        request.outcome().label(), f.get(OnRampRecord.MAILTO));
            }
        }
        ComposedMail mail;
        try {
            mail = composer.compose(request, peer);
        } catch (UnresolvedTargetException e) {
            LOG.error("job {}: {}; the fax stays in {}", job.id(), e.getMessage(), tiff);
            spool.fail(job, ResultCode.BAD_ADDRESS, e.getMessage() + "; pages kept in " + tiff);
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>(OutboundMail.of(mail).toFields());
        fields.put(OnRampRecord.MAIL_OF_ONRAMP_JOB, job.id().value());
        JobId mailJob = spool.enqueue(JobKind.MAIL, fields, sink -> {
            try (OutputStream out = sink.create(OutboundMail.MESSAGE)) {
                mail.writeTo(out);
            }
        });
        mailSpooled.run();
        String to = String.join(",", mail.envelope().recipients());
        LOG.info("job {}: {} fax of {} pages mailed to {} as job {}", job.id(), request.outcome().label(),
                request.pages(), to, mailJob);
        spool.complete(spool.update(job, Map.of(OnRampRecord.MAIL_JOB, mailJob.value(), OnRampRecord.MAIL_TO, to)));
        deleteFiles(job.id());
        return Optional.of(mailJob);
    }

    /**
     * Recovers a claimed ONRAMP job left by a process that died during its call: the pages that reached
     * the disk are read back, written into a complete TIFF-F file and mailed, marked partial unless the
     * call had already ended (then its recorded result stands).
     */
    Optional<JobId> recover(Job job, GatewayConfig config) throws IOException {
        Map<String, String> f = job.fields();
        if (mailOf(job.id()).isPresent()) {
            return deliver(job, tiffOf(job.id()), config);
        }
        Path file = tiffOf(job.id());
        Path out = recoveredTiffOf(job.id());
        int pages = rewrite(job.id(), file, out);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(OnRampRecord.RECOVERED, "yes");
        facts.put(OnRampRecord.PAGES, Integer.toString(pages));
        if (f.get(OnRampRecord.RESULT) == null || pages != OnRampRecord.intOf(f, OnRampRecord.PAGES, -1)) {
            facts.put(OnRampRecord.RESULT, pages == 0 ? FaxMailRequest.Outcome.FAILED.label()
                    : FaxMailRequest.Outcome.PARTIAL.label());
            facts.put(OnRampRecord.REASON, "the gateway stopped during the call; " + (pages == 0
                    ? "no page had been received" : "pages 1-" + pages + " had been received"));
            Instant start = OnRampRecord.instantOf(f, OnRampRecord.ANSWERED).orElse(job.created());
            Instant last = OnRampRecord.instantOf(f, OnRampRecord.LAST_PAGE).orElse(start);
            facts.put(OnRampRecord.DURATION, Long.toString(Math.max(0, Duration.between(start, last).toSeconds())));
        }
        LOG.info("job {}: recovering a fax received before the restart: {} pages on disk", job.id(), pages);
        return deliver(spool.update(job, facts), out, config);
    }

    /** Copies the pages of a possibly unfinished TIFF-F file into a complete one; returns the page count. */
    private static int rewrite(JobId id, Path in, Path out) throws IOException {
        Files.deleteIfExists(out);
        if (!Files.exists(in)) {
            return 0;
        }
        TiffFaxReader reader;
        try {
            reader = TiffFaxReader.open(in);
        } catch (IOException | RuntimeException e) {
            LOG.warn("job {}: {} unreadable ({}); no page recovered", id, in, e.getMessage());
            return 0;
        }
        List<TiffPage> pages = reader.pages();
        if (pages.isEmpty()) {
            return 0;
        }
        TiffPage first = pages.get(0);
        FaxCoding coding = first.compression() == 4 ? FaxCoding.MMR
                : (first.t4Options() & 1) != 0 ? FaxCoding.MR : FaxCoding.MH;
        int n = 0;
        try (TiffFaxWriter w = ReceivedDocument.open(out, coding, Clock.systemUTC())) {
            for (int i = 0; i < pages.size(); i++) {
                DecodedPage p;
                try {
                    p = reader.decodePage(i);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("job {}: page {} of {} unreadable ({}); the pages before it are mailed", id, i + 1,
                            in, e.getMessage());
                    break;
                }
                FaxResolution r = PageRaster.ofYdpi(p.image().ydpi());
                w.beginPage(p.image().width(), PageRaster.ydpi(r));
                int rb = p.image().rowBytes();
                byte[] d = p.image().data();
                for (int y = 0; y < p.image().height(); y++) {
                    w.writeRow(d, y * rb);
                }
                w.endPage(p.quality());
                n++;
            }
        }
        return n;
    }

    /** The MAIL job already spooled for this ONRAMP job, if any. */
    private Optional<JobId> mailOf(JobId onramp) {
        for (Job j : spool.list()) {
            if (j.kind().equals(JobKind.MAIL)
                    && onramp.value().equals(j.field(OnRampRecord.MAIL_OF_ONRAMP_JOB).orElse(null))) {
                return Optional.of(j.id());
            }
        }
        return Optional.empty();
    }

    private void deleteFiles(JobId id) {
        for (Path p : List.of(tiffOf(id), recoveredTiffOf(id), workDir.resolve(id.value() + ".pdf"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("job {}: cannot remove {}: {}", id, p, e.getMessage());
            }
        }
    }

    /** Removes files of jobs that are finished or gone (a crash after the job completed). */
    void removeOrphans() throws IOException {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (var files = Files.list(workDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                int dot = name.indexOf('.');
                if (dot <= 0) {
                    continue;
                }
                Optional<Job> j;
                try {
                    j = spool.get(new JobId(name.substring(0, dot)));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (j.isEmpty() || j.get().state() == JobState.DONE) {
                    LOG.info("removing {}: its job is {}", p, j.isEmpty() ? "gone" : "done");
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The mail request from the record's facts. */
    private FaxMailRequest request(Job job, Path tiff, List<FaxMailRequest.Attachment> extras) {
        Map<String, String> f = job.fields();
        FaxMailRequest.Outcome outcome = switch (f.getOrDefault(OnRampRecord.RESULT, "partial")) {
            case "complete" -> FaxMailRequest.Outcome.COMPLETE;
            case "failed" -> FaxMailRequest.Outcome.FAILED;
            default -> FaxMailRequest.Outcome.PARTIAL;
        };
        return new FaxMailRequest(
                f.get(OnRampRecord.CALLING),
                f.get(OnRampRecord.CALLED),
                null,
                null,
                OnRampRecord.emptyToNull(f.get(OnRampRecord.REMOTE_ID)),
                OnRampRecord.emptyToNull(f.get(OnRampRecord.PORT)),
                OnRampRecord.emptyToNull(f.get(OnRampRecord.CALL_ID)),
                OnRampRecord.instantOf(f, OnRampRecord.ANSWERED).orElse(job.created()),
                OnRampRecord.durationOf(f),
                OnRampRecord.intOf(f, OnRampRecord.PAGES, 0),
                OnRampRecord.intOf(f, OnRampRecord.BIT_RATE, 0),
                OnRampRecord.isYes(f, OnRampRecord.ECM),
                OnRampRecord.resolutionOf(f, OnRampRecord.RESOLUTION),
                OnRampRecord.codingOf(f, OnRampRecord.CODING),
                outcome,
                OnRampRecord.emptyToNull(f.get(OnRampRecord.REASON)),
                tiff,
                extras);
    }

    /**
     * The mmoip dial-peer as it was when the call was answered, as far as the composer reads it: the session
     * target (already resolved to an address, or the postmaster's), {@code dsn} and {@code mdn}.
     */
    static DialPeer mailPeer(Map<String, String> f, String sessionTarget) {
        int tag = OnRampRecord.intOf(f, OnRampRecord.MMOIP_PEER, 1);
        Set<DialPeer.DsnNotify> dsn = MailEnvelope.parseNotify(f.getOrDefault(OnRampRecord.DSN, "FAILURE"));
        DialPeer p = DialPeer.of(Math.max(1, tag), DialPeer.Kind.MMOIP);
        return new DialPeer(p.tag(), p.kind(), OnRampApplication.NAME, true, null, null, null, false, null, "",
                false, p.forwardDigits(), 0, 0, DialPeer.InformationType.FAX, sessionTarget, p.imageEncoding(),
                p.imageResolution(), dsn.isEmpty() ? Set.of() : dsn, OnRampRecord.isYes(f, OnRampRecord.MDN), false,
                null, 0);
    }

    private static String reasonSuffix(String reason) {
        return reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
    }
}
