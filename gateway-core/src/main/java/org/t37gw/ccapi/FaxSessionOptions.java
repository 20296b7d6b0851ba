package org.t37gw.ccapi;

/**
 * What call control asks of a fax session.
 *
 * @param localIdent  our TSI (sending) or CSI (receiving): up to 20 characters of digits, {@code +} and
 *                    space (T.30 §5.3.6.2.4, the {@code fax send transmitting-subscriber} /
 *                    {@code fax receive called-subscriber} commands); may be empty
 * @param maxBitRate  upper limit of the signalling rate in bit/s ({@code fax send max-speed}: 2400, 4800,
 *                    7200, 9600, 12000 or 14400)
 * @param ecm         offer / accept error correction mode
 * @param subaddress  the T.30 SUB sub-address to send (RFC 3192 {@code /T33S=}), or {@code ""} for none
 */
public record FaxSessionOptions(String localIdent, int maxBitRate, boolean ecm, String subaddress) {

    /** Options with no sub-address. */
    public FaxSessionOptions(String localIdent, int maxBitRate, boolean ecm) {
        this(localIdent, maxBitRate, ecm, "");
    }

    public FaxSessionOptions {
        localIdent = localIdent == null ? "" : localIdent;
        subaddress = subaddress == null ? "" : subaddress;
        if (subaddress.length() > 20) {
            throw new IllegalArgumentException("sub-address longer than 20 characters: '" + subaddress + "'");
        }
        if (localIdent.length() > 20) {
            throw new IllegalArgumentException("station identity longer than 20 characters: '" + localIdent + "'");
        }
        for (int i = 0; i < localIdent.length(); i++) {
            char c = localIdent.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '+' && c != ' ') {
                throw new IllegalArgumentException("station identity may hold digits, '+' and space only: '"
                        + localIdent + "'");
            }
        }
        switch (maxBitRate) {
            case 2400, 4800, 7200, 9600, 12000, 14400 -> { }
            default -> throw new IllegalArgumentException("max bit rate must be one of 2400, 4800, 7200, 9600, "
                    + "12000, 14400: " + maxBitRate);
        }
    }

    /** The IOS defaults: no identity, 14400 bit/s, ECM on. */
    public static FaxSessionOptions defaults() {
        return new FaxSessionOptions("", 14400, true);
    }
}
