package org.t37gw.offramp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.render.RenderLimits;

/**
 * Settings of the off-ramp that the config language has no command for (yet).
 *
 * @param unrenderable        parts that cannot be faxed: skipped and named in the DSN (default), or the job refused
 * @param headerOnAttachments stamp the {@code fax send ...-header} line on TIFF/PDF/image pages too (US rules);
 *                            off by default, as Cisco: header on text-to-fax pages only
 * @param paper               paper of rendered pages
 * @param limits              rendering limits
 * @param maxCalls            jobs in progress at once (claimed, rendering, waiting for a line or on a call)
 * @param pollInterval        how often the worker looks for due jobs when nothing woke it
 * @param workDir             where page caches live ({@code JOBID/pages.tif}); {@code null}: {@code offramp/}
 *                            next to the spool directory
 * @param ecm                 offer error correction mode
 */
public record OffRampOptions(FaxPages.UnrenderablePolicy unrenderable, boolean headerOnAttachments, PaperSize paper,
                             RenderLimits limits, int maxCalls, Duration pollInterval, Path workDir, boolean ecm) {

    /** The defaults. */
    public static final OffRampOptions DEFAULT = new OffRampOptions(FaxPages.UnrenderablePolicy.SKIP_AND_REPORT,
            false, PaperSize.A4, RenderLimits.DEFAULT, 8, Duration.ofSeconds(5), null, true);

    public OffRampOptions {
        Objects.requireNonNull(unrenderable, "unrenderable");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls < 1");
        }
    }

    public OffRampOptions withUnrenderable(FaxPages.UnrenderablePolicy p) {
        return new OffRampOptions(p, headerOnAttachments, paper, limits, maxCalls, pollInterval, workDir, ecm);
    }

    public OffRampOptions withHeaderOnAttachments(boolean b) {
        return new OffRampOptions(unrenderable, b, paper, limits, maxCalls, pollInterval, workDir, ecm);
    }

    public OffRampOptions withWorkDir(Path dir) {
        return new OffRampOptions(unrenderable, headerOnAttachments, paper, limits, maxCalls, pollInterval, dir, ecm);
    }

    public OffRampOptions withMaxCalls(int n) {
        return new OffRampOptions(unrenderable, headerOnAttachments, paper, limits, n, pollInterval, workDir, ecm);
    }
}
