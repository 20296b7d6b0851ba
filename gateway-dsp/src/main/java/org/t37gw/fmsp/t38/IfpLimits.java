package org.t37gw.fmsp.t38;

/**
 * Bounds the IFP decoder enforces before allocating anything, so a hostile packet costs at most its own size.
 *
 * @param maxPacketLength largest encoded IFP packet accepted, in octets
 * @param maxFields       most elements in one data-field
 * @param maxFieldLength  largest field-data, in octets (the ASN.1 allows 65535)
 */
public record IfpLimits(int maxPacketLength, int maxFields, int maxFieldLength) {

    /** Generous enough for every real packet (spandsp's receive buffer is 2048 octets). */
    public static final IfpLimits DEFAULT = new IfpLimits(16384, 64, 16384);

    public IfpLimits {
        if (maxPacketLength < 1 || maxFields < 1 || maxFieldLength < 1 || maxFieldLength > DataField.MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("bad IFP limits " + maxPacketLength + "/" + maxFields + "/" + maxFieldLength);
        }
    }
}
