package org.t37gw.fmsp.t30;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A T.30 HDLC frame without flags and FCS (T.30 5.3.5 to 5.3.7): address {@code 0xFF}, control
 * {@code 0x03} (more frames follow) or {@code 0x13} (final frame, the other station may answer), the FCF
 * octet and the facsimile information field (FIF).
 *
 * @param control {@link #CONTROL_NOT_FINAL} or {@link #CONTROL_FINAL}
 * @param fcfOctet the FCF octet as on the line, X bit included
 * @param fif the FIF, possibly empty; the record keeps its own copy
 */
public record HdlcFrame(int control, int fcfOctet, byte[] fif) {
    public static final int ADDRESS = 0xFF;
    public static final int CONTROL_NOT_FINAL = 0x03;
    public static final int CONTROL_FINAL = 0x13;

    public HdlcFrame {
        fif = fif == null ? new byte[0] : fif.clone();
        fcfOctet &= 0xFF;
    }

    /** A frame of {@code fcf} with the X bit when it has one. */
    public static HdlcFrame of(Fcf fcf, boolean xBit, boolean finalFrame, byte... fif) {
        return new HdlcFrame(finalFrame ? CONTROL_FINAL : CONTROL_NOT_FINAL, fcf.octet(xBit), fif);
    }

    /**
     * Parses frame octets (address, control, FCF, FIF; no FCS). Empty if the frame is too short or its
     * address or control octet is not one T.30 uses.
     */
    public static Optional<HdlcFrame> parse(byte[] bytes) {
        if (bytes == null || bytes.length < 3 || (bytes[0] & 0xFF) != ADDRESS) {
            return Optional.empty();
        }
        int control = bytes[1] & 0xFF;
        if (control != CONTROL_FINAL && control != CONTROL_NOT_FINAL) {
            return Optional.empty();
        }
        return Optional.of(new HdlcFrame(control, bytes[2], Arrays.copyOfRange(bytes, 3, bytes.length)));
    }

    /** The frame octets to send (the transport adds flags, bit stuffing and FCS). */
    public byte[] toBytes() {
        byte[] out = new byte[3 + fif.length];
        out[0] = (byte) ADDRESS;
        out[1] = (byte) control;
        out[2] = (byte) fcfOctet;
        System.arraycopy(fif, 0, out, 3, fif.length);
        return out;
    }

    public Fcf fcf() {
        return Fcf.of(fcfOctet);
    }

    public boolean isFinal() {
        return control == CONTROL_FINAL;
    }

    public boolean xBit() {
        return Fcf.xBitOf(fcfOctet);
    }

    /** The FIF; a copy. */
    @Override
    public byte[] fif() {
        return fif.clone();
    }

    /** FIF octet {@code i}, or 0 past its end. */
    public int fifOctet(int i) {
        return i < fif.length ? fif[i] & 0xFF : 0;
    }

    public int fifLength() {
        return fif.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HdlcFrame h && h.control == control && h.fcfOctet == fcfOctet && Arrays.equals(h.fif, fif);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * control + fcfOctet) + Arrays.hashCode(fif);
    }

    @Override
    public String toString() {
        return fcf().name() + (isFinal() ? "" : "(nf)") + (fif.length == 0 ? "" : " " + HexFormat.of().formatHex(fif));
    }
}
