package org.t37gw.smtp.address;

/**
 * Why an envelope recipient is not a fax address this gateway takes, with the SMTP reply it gets
 * (RFC 5321 §4.2 codes, RFC 3463 enhanced status).
 */
public enum AddressError {
    /** The local part is not {@code FAX=...} (the only service selector we serve): bad mailbox. */
    NOT_FAX(550, "5.1.1", "not a FAX= mailbox"),
    /** A {@code FAX=} local part, or the address around it, that does not follow RFC 3192. */
    BAD_SYNTAX(553, "5.1.3", "bad fax address syntax");

    private final int replyCode;
    private final String enhancedStatus;
    private final String text;

    AddressError(int replyCode, String enhancedStatus, String text) {
        this.replyCode = replyCode;
        this.enhancedStatus = enhancedStatus;
        this.text = text;
    }

    /** The SMTP reply code (550, 553). */
    public int replyCode() {
        return replyCode;
    }

    /** The RFC 3463 enhanced status code (5.1.1, 5.1.3). */
    public String enhancedStatus() {
        return enhancedStatus;
    }

    /** A short text for the reply. */
    public String text() {
        return text;
    }
}
