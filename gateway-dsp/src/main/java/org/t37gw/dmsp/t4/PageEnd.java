package org.t37gw.dmsp.t4;

/** Why a decoder stopped delivering rows for a page. */
public enum PageEnd {
    /** Still decoding. */
    NONE,
    /** RTC (MH/MR) found. */
    RTC,
    /** EOFB (MMR) found. */
    EOFB,
    /** The data ended (after {@link T4Decoder#endOfInput()}) without RTC or EOFB. */
    END_OF_DATA,
    /** {@link DecodeLimits#maxLines()} rows delivered. */
    LINE_LIMIT,
    /** A coding error where no EOL allows resynchronising (MMR, or rows without EOLs). */
    CODING_ERROR,
    /** More than {@link DecodeLimits#maxConsecutiveBadLines()} bad rows in a row. */
    TOO_MANY_BAD_LINES
}
