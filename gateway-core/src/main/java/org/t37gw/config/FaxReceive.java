package org.t37gw.config;

/**
 * The {@code fax receive ...} commands: how the on-ramp answers faxes.
 *
 * @param calledSubscriber {@code fax receive called-subscriber} ({@code $d$} or text), or {@code null}
 */
public record FaxReceive(String calledSubscriber) {

    /** Every field at its default. */
    public static FaxReceive defaults() {
        return new FaxReceive(null);
    }
}
