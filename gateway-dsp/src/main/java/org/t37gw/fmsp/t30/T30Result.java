package org.t37gw.fmsp.t30;

/**
 * How a T.30 call ended, for logs, the spool's retry decision and DSNs. Each code says whether trying
 * the same job again later can help ({@link Kind#TRANSIENT}) or not ({@link Kind#PERMANENT}).
 * Codes are stable numbers (documented in docs/t30.md); never renumber, only add.
 */
public enum T30Result {
    OK(0, Kind.SUCCESS, "Fax transferred"),

    // Phase A (reported by the driver through T30Event.Abort)
    CEDTONE(10, Kind.TRANSIENT, "The CED tone lasted too long"),
    T0_EXPIRED(11, Kind.TRANSIENT, "T0 expired: the far end did not answer as a fax machine"),
    CALL_DROPPED(12, Kind.TRANSIENT, "The line was dropped"),
    NO_CARRIER(13, Kind.TRANSIENT, "The expected carrier did not come"),

    // Phase B
    T1_EXPIRED(20, Kind.TRANSIENT, "T1 expired: no valid phase B signal from the far end"),
    RETRYDCN(21, Kind.TRANSIENT, "Disconnected after three tries of a command got no valid response"),
    CANNOT_TRAIN(22, Kind.TRANSIENT, "Training failed at every rate (FTT at 2400 bit/s)"),
    TCFBADTRAIN(23, Kind.TRANSIENT, "The far end gave up after our training checks failed"),
    INCOMPATIBLE(24, Kind.PERMANENT, "The far end's capabilities are incompatible with ours"),
    RX_INCAPABLE(25, Kind.PERMANENT, "The far end cannot receive faxes"),
    NORESSUPPORT(26, Kind.PERMANENT, "The far end does not support the page resolution"),
    NOSIZESUPPORT(27, Kind.PERMANENT, "The far end does not support the page size"),
    NOCODINGSUPPORT(28, Kind.PERMANENT, "No common coding for the page"),

    // Phase B to D, unexpected signals
    RX_INVALCMD(30, Kind.TRANSIENT, "An invalid command was received"),
    UNEXPECTED(31, Kind.TRANSIENT, "Three tries of a command drew only unexpected responses"),
    DCN_WHILE_TX(32, Kind.TRANSIENT, "The far end disconnected (DCN) while we were sending"),
    DCN_WHILE_RX(33, Kind.TRANSIENT, "Unexpected DCN while waiting for DCS"),
    DCN_DATA_RX(34, Kind.TRANSIENT, "DCN received while waiting for or receiving page data"),
    DCN_PHASE_D_RX(35, Kind.TRANSIENT, "DCN received while waiting for a post-page command"),

    // Phase C/D
    T2_EXPIRED(40, Kind.TRANSIENT, "T2 expired waiting for a command or page"),
    T5_EXPIRED(41, Kind.TRANSIENT, "T5 expired: the far end stayed not ready (RNR)"),
    BADPG(42, Kind.TRANSIENT, "A page was rejected (RTN) too many times"),
    PAGE_SOURCE_ERROR(44, Kind.PERMANENT, "The page source failed"),
    NOPAGE(45, Kind.PERMANENT, "Nothing to send"),

    // Phase E
    LOCAL_ABORT(50, Kind.TRANSIENT, "The call was aborted locally");

    /** Whether a retry can help. */
    public enum Kind { SUCCESS, TRANSIENT, PERMANENT }

    private final int code;
    private final Kind kind;
    private final String text;

    T30Result(int code, Kind kind, String text) {
        this.code = code;
        this.kind = kind;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isSuccess() {
        return kind == Kind.SUCCESS;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /** A sentence for logs and DSN diagnostic text. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return name() + " (" + code + ", " + kind.name().toLowerCase() + "): " + text;
    }
}
