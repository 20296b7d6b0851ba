package org.t37gw.dialpeer;

import java.util.Objects;
import java.util.Set;

/**
 * One {@code dial-peer voice TAG pots|mmoip} block, after the config's meaning stage.
 *
 * <p>Immutable. Fields that a block does not set carry the documented default (see
 * docs/config-reference.md); patterns a block does not set are {@code null}.
 *
 * @param tag               the dial-peer tag (1..2147483647), unique in a config
 * @param kind              POTS (telephony leg) or MMOIP (mail leg)
 * @param application       the {@code application} name, or {@code null}
 * @param applicationOutbound {@code application NAME out-bound}
 * @param destinationPattern {@code destination-pattern}, or {@code null}
 * @param incomingCalledNumber {@code incoming called-number}, or {@code null}
 * @param answerAddress     {@code answer-address} (matched against the calling number), or {@code null}
 * @param directInwardDial  {@code direct-inward-dial}
 * @param port              {@code port NAME} (a voice-port name), or {@code null}
 * @param prefix            {@code prefix DIGITS} dialed before the number on a POTS peer, or {@code ""}
 * @param digitStrip        IOS default {@code true} for POTS: the explicitly matched digits are removed
 * @param forwardDigits     {@code forward-digits N} ({@code >= 0}), {@link #FORWARD_ALL}, {@link #FORWARD_EXTRA} (digits beyond the pattern's length, as IOS)
 *                          or {@link #FORWARD_DEFAULT} (digit-strip decides)
 * @param preference        {@code preference 0..10}, lower is tried first (default 0)
 * @param maxConn           {@code max-conn N}, 0 = unlimited (default)
 * @param informationType   {@code information-type fax|voice|video}
 * @param sessionTarget     {@code session target mailto:...} as written, or {@code null}
 * @param imageEncoding     {@code image encoding}
 * @param imageResolution   {@code image resolution}
 * @param dsn               {@code dsn delay|success|failure} (repeatable; default {failure})
 * @param mdn               {@code mdn}
 * @param shutdown          {@code shutdown}: the peer is configured but never matched
 * @param file              config file it came from (for messages), may be {@code null}
 * @param line              line of the {@code dial-peer} command in that file, 0 when unknown
 */
public record DialPeer(
        int tag,
        Kind kind,
        String application,
        boolean applicationOutbound,
        DialPattern destinationPattern,
        DialPattern incomingCalledNumber,
        DialPattern answerAddress,
        boolean directInwardDial,
        String port,
        String prefix,
        boolean digitStrip,
        int forwardDigits,
        int preference,
        int maxConn,
        InformationType informationType,
        String sessionTarget,
        ImageEncoding imageEncoding,
        ImageResolution imageResolution,
        Set<DsnNotify> dsn,
        boolean mdn,
        boolean shutdown,
        String file,
        int line) {

    /** {@code forward-digits all}. */
    public static final int FORWARD_ALL = -1;
    /** {@code forward-digits extra}: only the digits beyond the pattern's length (none for a T pattern), as IOS. */
    public static final int FORWARD_EXTRA = -2;
    /** No {@code forward-digits} command: digit-strip decides. */
    public static final int FORWARD_DEFAULT = -3;

    public DialPeer {
        Objects.requireNonNull(kind, "kind");
        prefix = prefix == null ? "" : prefix;
        informationType = informationType == null ? InformationType.VOICE : informationType;
        imageEncoding = imageEncoding == null ? ImageEncoding.PASSTHROUGH : imageEncoding;
        imageResolution = imageResolution == null ? ImageResolution.PASSTHROUGH : imageResolution;
        dsn = dsn == null || dsn.isEmpty() ? Set.of(DsnNotify.FAILURE) : Set.copyOf(dsn);
    }

    /** A minimal peer, for tests and programmatic use; every other field at its default. */
    public static DialPeer of(int tag, Kind kind) {
        return new DialPeer(tag, kind, null, false, null, null, null, false, null, "", kind == Kind.POTS,
                FORWARD_DEFAULT, 0, 0, InformationType.VOICE, null, ImageEncoding.PASSTHROUGH,
                ImageResolution.PASSTHROUGH, Set.of(DsnNotify.FAILURE), false, false, null, 0);
    }

    public enum Kind { POTS, MMOIP }

    public enum InformationType { FAX, VOICE, VIDEO }

    public enum ImageEncoding { MH, MR, MMR, PASSTHROUGH }

    public enum ImageResolution { STANDARD, FINE, SUPERFINE, PASSTHROUGH }

    public enum DsnNotify { DELAY, SUCCESS, FAILURE }
}
