package org.t37gw.fmsp.t30;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a station offers in its DIS (or what a remote DIS said), in T.30 Table 2 terms.
 *
 * @param modems modem families; V.27ter is always added
 * @param resolutions resolutions; {@link Resolution#STANDARD} is always added
 * @param codings codings; {@link Coding#MH} is always added, {@link Coding#MMR} only counts with ECM
 * @param ecm error correction mode (T.30 Annex A), bit 27
 * @param maxWidth widest recording width, bits 17-18
 * @param maxLength longest recording length, bits 19-20
 * @param minScanLineMs minimum scan line time at 3.85 lines/mm (0, 5, 10, 20 or 40), bits 21-23
 * @param halfScanTimeAtFine T7.7 = 1/2 T3.85 (bits 21-23 codes 3, 5, 6)
 * @param halfScanTimeAtSuperfine T15.4 = 1/2 T7.7, bit 46
 * @param subaddressing subaddressing capability, bit 49
 * @param password password capability, bit 50
 * @param canReceive ready to receive a facsimile document, bit 10
 * @param readyToTransmit has a document ready to be polled, bit 9
 */
public record T30Capabilities(
        Set<Modulation.Family> modems,
        Set<Resolution> resolutions,
        Set<Coding> codings,
        boolean ecm,
        PageWidth maxWidth,
        PageLength maxLength,
        int minScanLineMs,
        boolean halfScanTimeAtFine,
        boolean halfScanTimeAtSuperfine,
        boolean subaddressing,
        boolean password,
        boolean canReceive,
        boolean readyToTransmit) {

    public T30Capabilities {
        EnumSet<Modulation.Family> m = EnumSet.noneOf(Modulation.Family.class);
        m.addAll(modems);
        m.remove(Modulation.Family.V21);
        m.add(Modulation.Family.V27TER);
        modems = Collections.unmodifiableSet(m);
        EnumSet<Resolution> r = EnumSet.of(Resolution.STANDARD);
        r.addAll(resolutions);
        resolutions = Collections.unmodifiableSet(r);
        EnumSet<Coding> c = EnumSet.of(Coding.MH);
        c.addAll(codings);
        codings = Collections.unmodifiableSet(c);
        if (minScanLineMs != 0 && minScanLineMs != 5 && minScanLineMs != 10 && minScanLineMs != 20 && minScanLineMs != 40) {
            throw new IllegalArgumentException("minimum scan line time must be 0, 5, 10, 20 or 40 ms: " + minScanLineMs);
        }
    }

    /** Everything this engine can do: V.17, all resolutions, MH/MR/MMR, ECM, A3, unlimited, 0 ms. */
    public static T30Capabilities full() {
        return new T30Capabilities(EnumSet.allOf(Modulation.Family.class), EnumSet.allOf(Resolution.class),
                EnumSet.allOf(Coding.class), true, PageWidth.A3, PageLength.UNLIMITED, 0, false, false,
                true, true, true, false);
    }

    /** The T.4 minimum: V.27ter, standard and fine, MH, no ECM, A4, 20 ms. */
    public static T30Capabilities basic() {
        return new T30Capabilities(EnumSet.of(Modulation.Family.V27TER), EnumSet.of(Resolution.FINE),
                EnumSet.of(Coding.MH), false, PageWidth.A4, PageLength.A4, 20, false, false, false, false, true, false);
    }

    public T30Capabilities withModems(Set<Modulation.Family> m) {
        return new T30Capabilities(m, resolutions, codings, ecm, maxWidth, maxLength, minScanLineMs,
                halfScanTimeAtFine, halfScanTimeAtSuperfine, subaddressing, password, canReceive, readyToTransmit);
    }

    public T30Capabilities withResolutions(Set<Resolution> r) {
        return new T30Capabilities(modems, r, codings, ecm, maxWidth, maxLength, minScanLineMs,
                halfScanTimeAtFine, halfScanTimeAtSuperfine, subaddressing, password, canReceive, readyToTransmit);
    }

    public T30Capabilities withCodings(Set<Coding> c) {
        return new T30Capabilities(modems, resolutions, c, ecm, maxWidth, maxLength, minScanLineMs,
                halfScanTimeAtFine, halfScanTimeAtSuperfine, subaddressing, password, canReceive, readyToTransmit);
    }

    public T30Capabilities withEcm(boolean e) {
        return new T30Capabilities(modems, resolutions, codings, e, maxWidth, maxLength, minScanLineMs,
                halfScanTimeAtFine, halfScanTimeAtSuperfine, subaddressing, password, canReceive, readyToTransmit);
    }

    public T30Capabilities withSize(PageWidth w, PageLength l) {
        return new T30Capabilities(modems, resolutions, codings, ecm, w, l, minScanLineMs,
                halfScanTimeAtFine, halfScanTimeAtSuperfine, subaddressing, password, canReceive, readyToTransmit);
    }

    public T30Capabilities withScanLineTime(int ms, boolean halfAtFine, boolean halfAtSuperfine) {
        return new T30Capabilities(modems, resolutions, codings, ecm, maxWidth, maxLength, ms,
                halfAtFine, halfAtSuperfine, subaddressing, password, canReceive, readyToTransmit);
    }

    /** Codings usable: MMR only counts with ECM (T.30 Table 2 note on bit 31). */
    public Set<Coding> usableCodings(boolean withEcm) {
        EnumSet<Coding> c = EnumSet.copyOf(codings);
        if (!withEcm) {
            c.remove(Coding.MMR);
        }
        return c;
    }

    /** The minimum scan line time this receiver needs at a resolution, in ms (may be fractional-rounded up). */
    public double minScanLineMsAt(Resolution r) {
        double ms = minScanLineMs;
        if (r != Resolution.STANDARD && halfScanTimeAtFine) {
            ms /= 2;
        }
        if ((r == Resolution.SUPERFINE || r == Resolution.R16_SUPERFINE) && halfScanTimeAtSuperfine) {
            ms /= 2;
        }
        return ms;
    }
}
