package org.t37gw.fmsp.t30;

import java.util.EnumMap;
import java.util.Map;

/**
 * The settings of one T.30 session. Build with {@link #builder()}; every field has a sane default.
 *
 * @param ident our TSI (sending) or CSI (receiving), up to 20 characters
 * @param logTag a short tag in every log line of this session (call id)
 * @param capabilities what we offer in DIS / may choose in DCS
 * @param nsf NSF (receiver) or NSS (sender) FIF to send, or null for none; passed through untouched
 * @param subaddress SUB to send (sender, if the far end has subaddressing), or null
 * @param senderId SID / password to send (sender, if the far end has the password bit), or null
 * @param ecmFrameSize 256 or 64 octets, our preference when we send with ECM
 * @param tcfMinZeroRunMillis a TCF is good if it had at least this long a run of zeros (receiver)
 * @param mcfMaxBadShare a page with at most this share of bad rows gets MCF (receiver)
 * @param rtpMaxBadShare above MCF's share but at most this one gets RTP; worse gets RTN (receiver)
 * @param maxTries tries of a command before giving up (T.30: 3)
 * @param pprLimit PPRs for one block before CTC or EOR (T.30 Annex A: 4)
 * @param maxPageRetries how often one page is sent again after RTN (sender)
 * @param maxPageBytes the most page data we accept from the line (receiver); more is cut and the page judged RTN
 * @param cedMillis how long we send CED when answering (T.30 4.3.3: 2.6 to 4 s)
 * @param timers timer durations, for those that differ from {@link T30Timer#nominalMillis()}
 * @param lenient accept frames with the wrong X bit (logged); strict ignores them
 */
public record T30Config(
        String ident,
        String logTag,
        T30Capabilities capabilities,
        byte[] nsf,
        String subaddress,
        String senderId,
        int ecmFrameSize,
        long tcfMinZeroRunMillis,
        double mcfMaxBadShare,
        double rtpMaxBadShare,
        int maxTries,
        int pprLimit,
        int maxPageRetries,
        int maxPageBytes,
        int cedMillis,
        Map<T30Timer, Long> timers,
        boolean lenient) {

    public T30Config {
        nsf = nsf == null ? null : nsf.clone();
        timers = Map.copyOf(timers);
        if (ecmFrameSize != 64 && ecmFrameSize != 256) {
            throw new IllegalArgumentException("ecmFrameSize must be 64 or 256");
        }
        if (maxTries < 1 || pprLimit < 1) {
            throw new IllegalArgumentException("maxTries and pprLimit must be positive");
        }
    }

    @Override
    public byte[] nsf() {
        return nsf == null ? null : nsf.clone();
    }

    /** The duration of a timer in this session. */
    public long duration(T30Timer t) {
        return timers.getOrDefault(t, t.nominalMillis());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.ident = ident;
        b.logTag = logTag;
        b.capabilities = capabilities;
        b.nsf = nsf;
        b.subaddress = subaddress;
        b.senderId = senderId;
        b.ecmFrameSize = ecmFrameSize;
        b.tcfMinZeroRunMillis = tcfMinZeroRunMillis;
        b.mcfMaxBadShare = mcfMaxBadShare;
        b.rtpMaxBadShare = rtpMaxBadShare;
        b.maxTries = maxTries;
        b.pprLimit = pprLimit;
        b.maxPageRetries = maxPageRetries;
        b.maxPageBytes = maxPageBytes;
        b.cedMillis = cedMillis;
        b.timers.putAll(timers);
        b.lenient = lenient;
        return b;
    }

    /** Builder with the defaults of T.30 and of this gateway. */
    public static final class Builder {
        private String ident = "";
        private String logTag = "t30";
        private T30Capabilities capabilities = T30Capabilities.full();
        private byte[] nsf;
        private String subaddress;
        private String senderId;
        private int ecmFrameSize = 256;
        private long tcfMinZeroRunMillis = 1_000;
        private double mcfMaxBadShare = 0.05;
        private double rtpMaxBadShare = 0.15;
        private int maxTries = 3;
        private int pprLimit = 4;
        private int maxPageRetries = 3;
        private int maxPageBytes = 16 << 20;
        private int cedMillis = 3_000;
        private final Map<T30Timer, Long> timers = new EnumMap<>(T30Timer.class);
        private boolean lenient = true;

        public Builder ident(String v) {
            ident = v;
            return this;
        }

        public Builder logTag(String v) {
            logTag = v;
            return this;
        }

        public Builder capabilities(T30Capabilities v) {
            capabilities = v;
            return this;
        }

        public Builder nsf(byte[] v) {
            nsf = v;
            return this;
        }

        public Builder subaddress(String v) {
            subaddress = v;
            return this;
        }

        public Builder senderId(String v) {
            senderId = v;
            return this;
        }

        public Builder ecmFrameSize(int v) {
            ecmFrameSize = v;
            return this;
        }

        public Builder tcfMinZeroRunMillis(long v) {
            tcfMinZeroRunMillis = v;
            return this;
        }

        public Builder pageQuality(double mcfMax, double rtpMax) {
            mcfMaxBadShare = mcfMax;
            rtpMaxBadShare = rtpMax;
            return this;
        }

        public Builder maxTries(int v) {
            maxTries = v;
            return this;
        }

        public Builder pprLimit(int v) {
            pprLimit = v;
            return this;
        }

        public Builder maxPageRetries(int v) {
            maxPageRetries = v;
            return this;
        }

        public Builder maxPageBytes(int v) {
            maxPageBytes = v;
            return this;
        }

        public Builder cedMillis(int v) {
            cedMillis = v;
            return this;
        }

        public Builder timer(T30Timer t, long millis) {
            timers.put(t, millis);
            return this;
        }

        public Builder lenient(boolean v) {
            lenient = v;
            return this;
        }

        public T30Config build() {
            return new T30Config(ident, logTag, capabilities, nsf, subaddress, senderId, ecmFrameSize,
                    tcfMinZeroRunMillis, mcfMaxBadShare, rtpMaxBadShare, maxTries, pprLimit, maxPageRetries,
                    maxPageBytes, cedMillis, timers, lenient);
        }
    }
}
