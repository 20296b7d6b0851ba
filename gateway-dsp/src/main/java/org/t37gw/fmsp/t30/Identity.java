package org.t37gw.fmsp.t30;

/**
 * The 20-character identities and addresses of T.30 5.3.6.2.4 ff. (TSI, CSI, CIG, SUB, SEP, PWD, SID):
 * padded with spaces to 20 characters and sent last character first, so the FIF's first octet is the
 * last character (for a number, its least significant digit).
 */
public final class Identity {
    public static final int LENGTH = 20;

    private Identity() {
    }

    /** The FIF for an identity; characters outside printable ASCII become '?', longer input is cut. */
    public static byte[] encode(String id) {
        String s = id == null ? "" : id;
        if (s.length() > LENGTH) {
            s = s.substring(0, LENGTH);
        }
        byte[] f = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char ch = i < s.length() ? s.charAt(i) : ' ';
            f[LENGTH - 1 - i] = (byte) (ch >= 0x20 && ch < 0x7F ? ch : '?');
        }
        return f;
    }

    /** The identity in a FIF (any length), reversed back and trimmed of padding. */
    public static String decode(byte[] fif) {
        StringBuilder sb = new StringBuilder(fif.length);
        for (int i = fif.length - 1; i >= 0; i--) {
            int ch = fif[i] & 0xFF;
            sb.append(ch >= 0x20 && ch < 0x7F ? (char) ch : '?');
        }
        return sb.toString().strip();
    }
}
