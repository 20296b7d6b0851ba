package org.t37gw.fmsp.t30;

/**
 * The negotiated mode of a page, what a DCS says (T.30 Table 2): modem and rate, resolution, size,
 * coding, ECM and its frame size, and the minimum scan line time the sender must keep (non-ECM only).
 *
 * @param ecmFrameSize 256 or 64 octets (DCS bit 28); meaningless without ECM
 * @param minScanLineMs 0, 5, 10, 20 or 40; always 0 with ECM
 */
public record PageMode(
        Modulation modulation,
        Resolution resolution,
        PageWidth width,
        PageLength length,
        Coding coding,
        boolean ecm,
        int ecmFrameSize,
        int minScanLineMs) {

    public PageMode {
        if (!modulation.isHighSpeed()) {
            throw new IllegalArgumentException("page modulation must be high speed: " + modulation);
        }
        if (ecm && ecmFrameSize != 64 && ecmFrameSize != 256) {
            throw new IllegalArgumentException("ECM frame size must be 64 or 256: " + ecmFrameSize);
        }
    }

    public PageMode withModulation(Modulation m) {
        return new PageMode(m, resolution, width, length, coding, ecm, ecmFrameSize, minScanLineMs);
    }

    /** Whether a page in {@code other} can follow this one without a new DCS (all but the rate equal). */
    public boolean sameDocumentParameters(PageMode other) {
        return resolution == other.resolution && width == other.width && length == other.length
                && coding == other.coding && ecm == other.ecm && (!ecm || ecmFrameSize == other.ecmFrameSize)
                && minScanLineMs == other.minScanLineMs;
    }

    @Override
    public String toString() {
        return modulation + " " + resolution.name().toLowerCase() + " " + coding + " " + width + "/" + length
                + (ecm ? " ECM" + ecmFrameSize : " scan " + minScanLineMs + "ms");
    }
}
