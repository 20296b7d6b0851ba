package org.t37gw.fmsp.t30;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.fmsp.t30.T30Engine.Burst;
import org.t37gw.fmsp.t30.T30Engine.Fired;
import org.t37gw.fmsp.t30.T30Engine.Input;
import org.t37gw.fmsp.t30.T30Engine.Sent;

/**
 * The sending half of the {@link T30Engine} (calling station, transmitter): DIS in, DCS and TCF out,
 * the pages without and with ECM (partial pages, PPS, PPR, CTC, EOR, RR) and the post-page commands.
 * The engine keeps the shared state and plumbing (state transitions, timers, frame output, the end of the
 * call) and hands this class the inputs of the sender states.
 *
 * <p>Not thread-safe: used only by its engine.
 */
final class T30Sender {
    /** Logged under the engine's name, as all T.30 session lines are. */
    private static final Logger LOG = LoggerFactory.getLogger(T30Engine.class);

    private final T30Engine engine;
    private final T30Config config;
    private final PageSource source;
    private final String tag;
    private final boolean xBit;

    // What the far end told us
    private T30Capabilities remoteCaps;

    // The rates to fall back through
    private List<Modulation> chain = List.of();
    private int rateIndex;

    // Command repetition (T4, three tries)
    private List<HdlcFrame> lastCommand = List.of();
    private int tries;

    // Pages
    private int pageIndex;
    private int pageAttempts;
    private Fcf postPageCommand;
    private EcmFramer framer;
    private int blockIndex;
    private boolean[] resend;
    private int pprCount;
    private int ecmFcf2;
    private T30State rnrReturn;

    T30Sender(T30Engine engine, T30Config config, PageSource source, String tag, boolean xBit) {
        this.engine = engine;
        this.config = config;
        this.source = source;
        this.tag = tag;
        this.xBit = xBit;
    }

    // ------------------------------------------------------------------ sender: phase B

    void inT(Input in) {
        if (in instanceof Burst b) {
            if (b.has(Fcf.DCN)) {
                engine.finish(T30Result.DCN_WHILE_TX, false, "DCN while waiting for DIS");
                return;
            }
            HdlcFrame dis = b.find(Fcf.DIS);
            if (dis == null) {
                LOG.info("[{}] no DIS in {}, still waiting", tag, b.frames());
                return;
            }
            engine.cancel(T30Timer.T1);
            HdlcFrame csi = b.find(Fcf.CSI);
            HdlcFrame nsf = b.find(Fcf.NSF);
            engine.remoteIdent = csi == null ? engine.remoteIdent : Identity.decode(csi.fif());
            engine.remoteNsf = nsf == null ? engine.remoteNsf : nsf.fif();
            remoteCaps = DisDcsCodec.decodeDis(dis.fif());
            engine.out.add(new T30Action.RemoteIdentified(
                    new RemoteInfo(engine.remoteIdent, engine.remoteNsf, null, null, remoteCaps, null)));
            Negotiation.Outcome o = negotiate(pageIndex);
            if (o instanceof Negotiation.Refused r) {
                engine.finish(r.result(), true, r.reason());
                return;
            }
            Negotiation.Chosen c = (Negotiation.Chosen) o;
            chain = c.fallbackChain();
            rateIndex = 0;
            engine.mode = c.mode();
            LOG.info("[{}] chose {} (fallback {})", tag, engine.mode, chain);
            tries = 1;
            sendDcsAndTcf();
            engine.transitionTo(T30State.D, "DIS received");
        } else if (in instanceof Fired f && f.timer() == T30Timer.T1) {
            engine.finish(T30Result.T1_EXPIRED, false, "no DIS");
        }
    }

    private Negotiation.Outcome negotiate(int index) {
        return Negotiation.choose(config.capabilities(), remoteCaps, source.describe(index), config.ecmFrameSize());
    }

    private void sendDcsAndTcf() {
        List<HdlcFrame> frames = new ArrayList<>();
        if (config.nsf() != null) {
            frames.add(HdlcFrame.of(Fcf.NSS, xBit, false, config.nsf()));
        }
        if (!config.ident().isEmpty()) {
            frames.add(HdlcFrame.of(Fcf.TSI, xBit, false, Identity.encode(config.ident())));
        }
        boolean sub = config.subaddress() != null && remoteCaps.subaddressing();
        boolean sid = config.senderId() != null && remoteCaps.password();
        if (sub) {
            frames.add(HdlcFrame.of(Fcf.SUB, xBit, false, Identity.encode(config.subaddress())));
        }
        if (sid) {
            frames.add(HdlcFrame.of(Fcf.SID, xBit, false, Identity.encode(config.senderId())));
        }
        frames.add(HdlcFrame.of(Fcf.DCS, xBit, true, DisDcsCodec.encodeDcs(engine.mode, sub, sid)));
        engine.sendV21(frames);
        LOG.info("[{}] Tx: TCF {} {} ms", tag, engine.mode.modulation(), T30Engine.TCF_MILLIS);
        engine.out.add(new T30Action.SendTcf(engine.mode.modulation(), T30Engine.TCF_MILLIS));
    }

    void inD(Input in) {
        if (in instanceof Sent) {
            engine.listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::sendDcsAndTcf)) {
                return;
            }
            if (b.has(Fcf.CFR)) {
                engine.cancel(T30Timer.T4);
                startPage();
            } else if (b.has(Fcf.FTT)) {
                engine.cancel(T30Timer.T4);
                if (rateIndex + 1 >= chain.size()) {
                    engine.finish(T30Result.CANNOT_TRAIN, true, "FTT at " + engine.mode.modulation());
                    return;
                }
                rateIndex++;
                engine.mode = engine.mode.withModulation(chain.get(rateIndex));
                tries = 1;
                sendDcsAndTcf();
                engine.transitionTo(T30State.D, "FTT, falling back to " + engine.mode.modulation());
            } else if (b.has(Fcf.DIS)) {
                engine.cancel(T30Timer.T4);
                retry("DIS repeated: our DCS was lost", this::sendDcsAndTcf);
            } else {
                invalidResponse(b, this::sendDcsAndTcf);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to DCS", this::sendDcsAndTcf);
        }
    }

    /**
     * What every sender state does with DCN and CRP; true if handled.
     */
    private boolean senderCommon(Burst b, Runnable repeat) {
        if (b.has(Fcf.DCN)) {
            engine.finish(T30Result.DCN_WHILE_TX, false, "DCN in " + engine.state());
            return true;
        }
        if (b.has(Fcf.CRP)) {
            engine.cancel(T30Timer.T4);
            retry("CRP", repeat);
            return true;
        }
        return false;
    }

    /** Sends the command again if tries are left, else DCN with RETRYDCN. */
    private void retry(String why, Runnable repeat) {
        retry(why, repeat, T30Result.RETRYDCN);
    }

    /** Sends the command again if tries are left, else DCN with {@code exhausted}. */
    private void retry(String why, Runnable repeat, T30Result exhausted) {
        if (tries >= config.maxTries()) {
            engine.finish(exhausted, true, why + " after " + tries + " tries in " + engine.state());
            return;
        }
        tries++;
        LOG.info("[{}] {}: try {} of {}", tag, why, tries, config.maxTries());
        repeat.run();
    }

    /**
     * A valid frame that is no answer to our command: T.30 treats it like no response, so the command
     * is repeated at once (a try); after the last try the call ends with UNEXPECTED.
     */
    private void invalidResponse(Burst b, Runnable repeat) {
        engine.cancel(T30Timer.T4);
        retry("unexpected " + b.last().fcf() + " in " + engine.state(), repeat, T30Result.UNEXPECTED);
    }

    // ------------------------------------------------------------------ sender: phase C/D non-ECM

    private void startPage() {
        byte[] data;
        try {
            data = source.pageData(pageIndex, engine.mode);
        } catch (RuntimeException e) {
            engine.finish(T30Result.PAGE_SOURCE_ERROR, true, "page " + pageIndex + ": " + e);
            return;
        }
        if (engine.mode.ecm()) {
            framer = new EcmFramer(data, engine.mode.ecmFrameSize());
            blockIndex = 0;
            startBlock();
        } else {
            LOG.info("[{}] Tx: page {} ({} octets) at {}", tag, pageIndex + 1, data.length, engine.mode.modulation());
            engine.out.add(new T30Action.SendPageData(engine.mode.modulation(), engine.mode, data));
            engine.transmitting = true;
            engine.transitionTo(T30State.I, "sending page " + (pageIndex + 1));
        }
    }

    /** MPS if the next page fits this DCS, EOM if it needs a new one, EOP after the last page. */
    private Fcf postPageCommandFor(int index) {
        if (index + 1 >= source.pageCount()) {
            return Fcf.EOP;
        }
        Negotiation.Outcome o = negotiate(index + 1);
        return o instanceof Negotiation.Chosen c && c.mode().sameDocumentParameters(engine.mode) ? Fcf.MPS : Fcf.EOM;
    }

    void inI(Input in) {
        if (in instanceof Sent) {
            postPageCommand = postPageCommandFor(pageIndex);
            tries = 1;
            sendCommand(HdlcFrame.of(postPageCommand, xBit, true));
            engine.transitionTo(T30State.II_Q, "page " + (pageIndex + 1) + " sent");
        }
    }

    void inIIQ(Input in) {
        if (in instanceof Sent) {
            engine.listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            Fcf r = b.last().fcf();
            if (r.equals(Fcf.MCF) || r.equals(Fcf.PIP) || r.equals(Fcf.RTP)) {
                engine.cancel(T30Timer.T4);
                if (r.equals(Fcf.PIP)) {
                    LOG.info("[{}] PIP: procedure interrupt not supported (no operator), taken as MCF", tag);
                }
                pageConfirmed();
                afterPage(r.equals(Fcf.RTP));
            } else if (r.equals(Fcf.RTN) || r.equals(Fcf.PIN)) {
                engine.cancel(T30Timer.T4);
                pageAttempts++;
                if (pageAttempts > config.maxPageRetries()) {
                    engine.finish(T30Result.BADPG, true, "page " + (pageIndex + 1) + " rejected " + pageAttempts + " times");
                    return;
                }
                if (rateIndex + 1 < chain.size()) {
                    rateIndex++;
                    engine.mode = engine.mode.withModulation(chain.get(rateIndex));
                }
                tries = 1;
                sendDcsAndTcf();
                engine.transitionTo(T30State.D, r + ": retrain at " + engine.mode.modulation() + " and send page "
                        + (pageIndex + 1) + " again");
            } else {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to " + postPageCommand, this::repeatCommand);
        }
    }

    private void pageConfirmed() {
        engine.out.add(new T30Action.PageSent(pageIndex, engine.mode));
        engine.pagesDone++;
        pageAttempts = 0;
    }

    /** After a confirmed page: next page, back to phase B, or phase E. */
    private void afterPage(boolean retrain) {
        if (postPageCommand.equals(Fcf.EOP)) {
            engine.finish(T30Result.OK, true, engine.pagesDone + " pages sent");
        } else if (postPageCommand.equals(Fcf.EOM)) {
            pageIndex++;
            engine.transitionTo(T30State.T, "EOM confirmed, back to phase B");
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(T30Timer.T1);
        } else {
            pageIndex++;
            if (retrain) {
                tries = 1;
                sendDcsAndTcf();
                engine.transitionTo(T30State.D, "RTP: retrain before page " + (pageIndex + 1));
            } else {
                startPage();
            }
        }
    }

    // ------------------------------------------------------------------ sender: ECM

    private void startBlock() {
        int n = framer.framesInBlock(blockIndex);
        resend = new boolean[n];
        java.util.Arrays.fill(resend, true);
        pprCount = 0;
        ecmFcf2 = blockIndex + 1 < framer.blockCount() ? Fcf.NULL_FCF2 : postPageCommandFor(pageIndex).octet(xBit);
        sendBlockFrames();
    }

    private void sendBlockFrames() {
        List<HdlcFrame> frames = new ArrayList<>();
        for (int i = 0; i < resend.length; i++) {
            if (resend[i]) {
                frames.add(framer.fcd(blockIndex, i));
            }
        }
        for (int k = 0; k < 3; k++) {
            frames.add(HdlcFrame.of(Fcf.RCP, false, false));
        }
        LOG.info("[{}] Tx: page {} block {}: {} of {} frames + 3 RCP at {}", tag, pageIndex + 1, blockIndex,
                frames.size() - 3, resend.length, engine.mode.modulation());
        engine.out.add(new T30Action.SendFrames(engine.mode.modulation(), frames));
        engine.transmitting = true;
        engine.transitionTo(T30State.IV, "sending partial page " + blockIndex + " of page " + (pageIndex + 1));
    }

    private HdlcFrame ppsFrame() {
        return HdlcFrame.of(Fcf.PPS, xBit, true, (byte) ecmFcf2, (byte) pageIndex, (byte) blockIndex,
                (byte) (resend.length - 1));
    }

    void inIV(Input in) {
        if (in instanceof Sent) {
            tries = 1;
            sendCommand(ppsFrame());
            engine.transitionTo(T30State.IV_PPS_Q, "partial page sent");
        }
    }

    void inIVPpsQ(Input in) {
        if (in instanceof Sent) {
            engine.listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            if (!ecmResponse(b)) {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to PPS", this::repeatCommand);
        }
    }

    /** MCF, PPR, RNR (and ERR after EOR) in answer to PPS, EOR or RR; true if handled. */
    private boolean ecmResponse(Burst b) {
        Fcf r = b.last().fcf();
        if (r.equals(Fcf.MCF) || r.equals(Fcf.ERR)) {
            engine.cancel(T30Timer.T4);
            engine.cancel(T30Timer.T5);
            if (r.equals(Fcf.ERR)) {
                LOG.warn("[{}] ERR: block {} of page {} accepted with errors", tag, blockIndex, pageIndex + 1);
            }
            blockDone();
            return true;
        }
        if (r.equals(Fcf.PPR)) {
            engine.cancel(T30Timer.T4);
            engine.cancel(T30Timer.T5);
            boolean[] asked = EcmBlockBuffer.requested(b.last().fif(), resend.length);
            int n = 0;
            for (boolean a : asked) {
                n += a ? 1 : 0;
            }
            pprCount++;
            LOG.info("[{}] PPR {} of {}: {} frames to send again", tag, pprCount, config.pprLimit(), n);
            if (n == 0) {
                // Nothing asked for: the far end lost our PPS's meaning; ask again.
                tries = 1;
                sendCommand(ppsFrame());
                engine.transitionTo(T30State.IV_PPS_Q, "empty PPR");
                return true;
            }
            resend = asked;
            if (pprCount >= config.pprLimit()) {
                tries = 1;
                if (rateIndex + 1 < chain.size()) {
                    rateIndex++;
                    Modulation next = chain.get(rateIndex);
                    sendCommand(HdlcFrame.of(Fcf.CTC, xBit, true, (byte) 0, (byte) (next.dcsCode() << 2)));
                    engine.transitionTo(T30State.IV_CTC, pprCount + " PPRs: continue to correct at " + next);
                } else {
                    sendCommand(HdlcFrame.of(Fcf.EOR, xBit, true, (byte) ecmFcf2));
                    engine.transitionTo(T30State.IV_EOR, pprCount + " PPRs at the lowest rate: end of retransmission");
                }
            } else {
                sendBlockFrames();
            }
            return true;
        }
        if (r.equals(Fcf.RNR)) {
            engine.cancel(T30Timer.T4);
            if (!engine.timers.isRunning(T30Timer.T5)) {
                engine.arm(T30Timer.T5);
            }
            if (engine.state() != T30State.IV_PPS_RNR) {
                rnrReturn = engine.state();
            }
            tries = 1;
            sendCommand(HdlcFrame.of(Fcf.RR, xBit, true));
            engine.transitionTo(T30State.IV_PPS_RNR, "RNR: receiver not ready");
            return true;
        }
        return false;
    }

    private void blockDone() {
        if (blockIndex + 1 < framer.blockCount()) {
            blockIndex++;
            startBlock();
            return;
        }
        postPageCommand = Fcf.of(ecmFcf2);
        pageConfirmed();
        afterPage(false);
    }

    void inIVPpsRnr(Input in) {
        if (in instanceof Sent) {
            engine.listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            Fcf r = b.last().fcf();
            if (rnrReturn == T30State.IV_CTC && r.equals(Fcf.CTR)) {
                engine.cancel(T30Timer.T5);
                inIVCtc(in);
                return;
            }
            if (!ecmResponse(b)) {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to RR", this::repeatCommand);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T5) {
            engine.finish(T30Result.T5_EXPIRED, true, "receiver not ready for " + config.duration(T30Timer.T5) + " ms");
        }
    }

    void inIVCtc(Input in) {
        if (in instanceof Sent) {
            engine.listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            if (b.has(Fcf.CTR)) {
                engine.cancel(T30Timer.T4);
                engine.mode = engine.mode.withModulation(chain.get(rateIndex));
                pprCount = 0;
                sendBlockFrames();
            } else if (b.has(Fcf.RNR)) {
                ecmResponse(b);
            } else {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to CTC", this::repeatCommand);
        }
    }

    void inIVEor(Input in) {
        if (in instanceof Sent) {
            engine.listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            Fcf r = b.last().fcf();
            if (r.equals(Fcf.ERR) || r.equals(Fcf.RNR)) {
                ecmResponse(b);
            } else {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to EOR", this::repeatCommand);
        }
    }

    // ------------------------------------------------------------------ sender: command repetition

    private void sendCommand(HdlcFrame f) {
        lastCommand = List.of(f);
        engine.sendV21(lastCommand);
    }

    private void repeatCommand() {
        engine.sendV21(lastCommand);
    }
}
