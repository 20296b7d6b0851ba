package org.t37gw.fmsp.t30;

/**
 * What the far end told us in phase B.
 *
 * @param ident TSI or CSI, or "" if none was sent
 * @param nsf the NSF/NSS FIF as received (T.35 country code first), or null
 * @param subaddress SUB, or null
 * @param senderId SID / password, or null
 * @param capabilities the DIS (a sender's view) or null (a receiver's view)
 * @param mode the DCS (a receiver's view) or null
 */
public record RemoteInfo(String ident, byte[] nsf, String subaddress, String senderId,
        T30Capabilities capabilities, PageMode mode) {
    public RemoteInfo {
        nsf = nsf == null ? null : nsf.clone();
    }

    @Override
    public byte[] nsf() {
        return nsf == null ? null : nsf.clone();
    }
}
