package org.t37gw.fmsp.t30;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The sender's choice of the best common mode (T.30 5.3.6.2 ff.): the page's resolution and size must
 * be supported by the receiver; the coding is the best of MMR (ECM only), MR, MH that the page source,
 * we and the receiver have; ECM if both have it; the fastest common rate; the receiver's minimum scan
 * line time at the page's resolution (0 with ECM).
 */
public final class Negotiation {
    /** The outcome: a mode, or why none. */
    public sealed interface Outcome {
    }

    /** A mode to put in DCS, and the rates to fall back through, fastest first. */
    public record Chosen(PageMode mode, List<Modulation> fallbackChain) implements Outcome {
        public Chosen {
            fallbackChain = List.copyOf(fallbackChain);
        }
    }

    /** No mode: the result to end with and why. */
    public record Refused(T30Result result, String reason) implements Outcome {
    }

    private Negotiation() {
    }

    public static Outcome choose(T30Capabilities local, T30Capabilities remote, PageDescription page, int ecmFrameSize) {
        if (!remote.canReceive()) {
            return new Refused(T30Result.RX_INCAPABLE, "DIS bit 10 (receive) is not set");
        }
        if (!remote.resolutions().contains(page.resolution()) || !local.resolutions().contains(page.resolution())) {
            return new Refused(T30Result.NORESSUPPORT, "page resolution " + page.resolution() + " not in " + remote.resolutions());
        }
        if (page.width().compareTo(remote.maxWidth()) > 0 || page.width().compareTo(local.maxWidth()) > 0) {
            return new Refused(T30Result.NOSIZESUPPORT, "page width " + page.width() + " wider than " + remote.maxWidth());
        }
        if (page.length().compareTo(remote.maxLength()) > 0 || page.length().compareTo(local.maxLength()) > 0) {
            return new Refused(T30Result.NOSIZESUPPORT, "page length " + page.length() + " longer than " + remote.maxLength());
        }
        boolean ecm = local.ecm() && remote.ecm();
        Set<Coding> codings = EnumSet.copyOf(page.codings());
        codings.retainAll(local.usableCodings(ecm));
        codings.retainAll(remote.usableCodings(ecm));
        Coding coding = codings.contains(Coding.MMR) ? Coding.MMR : codings.contains(Coding.MR) ? Coding.MR
                : codings.contains(Coding.MH) ? Coding.MH : null;
        if (coding == null) {
            return new Refused(T30Result.NOCODINGSUPPORT, "page codings " + page.codings() + " vs far end " + remote.codings());
        }
        Set<Modulation.Family> families = EnumSet.copyOf(local.modems());
        families.retainAll(remote.modems());
        List<Modulation> chain = Modulation.fallbackChain(families);
        int scan = ecm ? 0 : DisDcsCodec.roundUpScanTime(remote.minScanLineMsAt(page.resolution()));
        PageMode mode = new PageMode(chain.get(0), page.resolution(), page.width(), page.length(), coding, ecm,
                ecmFrameSize, scan);
        return new Chosen(mode, chain);
    }

    /**
     * The receiver's check of a DCS against what it offered: empty if acceptable, else the reason.
     */
    public static String checkDcs(T30Capabilities offered, PageMode m) {
        if (!offered.modems().contains(m.modulation().family())) {
            return "modem " + m.modulation() + " not offered";
        }
        if (!offered.resolutions().contains(m.resolution())) {
            return "resolution " + m.resolution() + " not offered";
        }
        if (!offered.usableCodings(m.ecm()).contains(m.coding())) {
            return "coding " + m.coding() + " not offered" + (m.ecm() ? "" : " without ECM");
        }
        if (m.ecm() && !offered.ecm()) {
            return "ECM not offered";
        }
        if (m.width().compareTo(offered.maxWidth()) > 0 || m.length().compareTo(offered.maxLength()) > 0) {
            return "size " + m.width() + "/" + m.length() + " not offered";
        }
        return "";
    }
}
