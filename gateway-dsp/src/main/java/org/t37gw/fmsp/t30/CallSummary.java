package org.t37gw.fmsp.t30;

/**
 * The end of a session in numbers.
 *
 * @param pages pages confirmed (sender) or accepted (receiver)
 * @param remoteIdent the far end's TSI/CSI, "" if unknown
 * @param lastMode the last negotiated mode, or null if phase B never completed
 * @param finalState the state the engine was in when the call ended
 * @param detail a short free-text explanation for logs
 */
public record CallSummary(int pages, String remoteIdent, PageMode lastMode, T30State finalState, String detail) {
}
