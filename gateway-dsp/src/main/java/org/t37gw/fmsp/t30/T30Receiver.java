package org.t37gw.fmsp.t30;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.fmsp.t30.T30Engine.BadFrame;
import org.t37gw.fmsp.t30.T30Engine.Burst;
import org.t37gw.fmsp.t30.T30Engine.Ecm;
import org.t37gw.fmsp.t30.T30Engine.Fired;
import org.t37gw.fmsp.t30.T30Engine.Input;
import org.t37gw.fmsp.t30.T30Engine.Other;
import org.t37gw.fmsp.t30.T30Engine.Sent;

/**
 * The receiving half of the {@link T30Engine} (called station, receiver): CED and DIS out, DCS in, the
 * training check, the pages without and with ECM (partial pages, PPR, CTR, ERR, RNR) and the responses
 * to the post-page commands, including answering a repeated command again. The engine keeps the shared
 * state and plumbing (state transitions, timers, frame output, the end of the call) and hands this class
 * the inputs of the receiver states.
 *
 * <p>Not thread-safe: used only by its engine.
 */
final class T30Receiver {
    /** Logged under the engine's name, as all T.30 session lines are. */
    private static final Logger LOG = LoggerFactory.getLogger(T30Engine.class);

    private final T30Engine engine;
    private final T30Config config;
    private final String tag;
    private final boolean xBit;

    // What the far end told us
    private String remoteSub;
    private String remoteSid;

    private boolean dcsSeen;
    private boolean lastTcfBad;
    private boolean lastVerdictRtn;
    private boolean sendDisAfterResponse;
    private boolean busy;
    private ByteSink pageBuffer;
    private PageQuality pendingQuality;
    private List<HdlcFrame> lastResponse = List.of();
    private String lastAnsweredKey = "";
    private T30State stateAfterLastResponse;
    private EcmBlockBuffer block;
    private int ecmMissingOnPage;
    private int lastPpsCount;
    private int pendingFcf2 = -1;
    private int pendingCount;
    private String pendingKey = "";

    T30Receiver(T30Engine engine, T30Config config, String tag, boolean xBit) {
        this.engine = engine;
        this.config = config;
        this.tag = tag;
        this.xBit = xBit;
    }

    /** The driver's {@link T30Event.ReceiverBusy}: while busy, complete partial pages are answered RNR. */
    void setBusy(boolean busy) {
        this.busy = busy;
    }

    /** True in the states that wait for a command after DCS, where T2 restarts on signal detection. */
    boolean isCommandWait() {
        return switch (engine.state()) {
            case R, F_TCF, F_POST_DOC_NON_ECM, F_POST_DOC_ECM, F_POST_EOP -> dcsSeen;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ receiver: phase B

    void inAnswering(Input in) {
        if (in instanceof Sent) {
            sendDis();
            engine.transitionTo(T30State.R, "CED sent, DIS sent");
        } else if (in instanceof Fired f && f.timer() == T30Timer.T1) {
            engine.finish(T30Result.T1_EXPIRED, false, "CED never completed");
        }
    }

    private void sendDis() {
        List<HdlcFrame> frames = new ArrayList<>();
        if (config.nsf() != null) {
            frames.add(HdlcFrame.of(Fcf.NSF, false, false, config.nsf()));
        }
        if (!config.ident().isEmpty()) {
            frames.add(HdlcFrame.of(Fcf.CSI, false, false, Identity.encode(config.ident())));
        }
        frames.add(HdlcFrame.of(Fcf.DIS, false, true, DisDcsCodec.encodeDis(config.capabilities())));
        engine.sendV21(frames);
        lastResponse = frames;
    }

    void inR(Input in) {
        if (in instanceof Sent) {
            if (sendDisAfterResponse) {
                sendDisAfterResponse = false;
                sendDis();
                return;
            }
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(dcsSeen ? T30Timer.T2 : T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (b.has(Fcf.DCS)) {
                processDcs(b);
            } else if (b.has(Fcf.DCN)) {
                T30Result r = lastVerdictRtn ? T30Result.BADPG
                        : lastTcfBad ? T30Result.TCFBADTRAIN
                        : pagesDoneAndEom() ? T30Result.OK : T30Result.DCN_WHILE_RX;
                engine.finish(r, false, "DCN waiting for DCS");
            } else if (b.has(Fcf.CRP)) {
                resendLastResponse("CRP");
            } else if (!answerDuplicate(b)) {
                LOG.info("[{}] unexpected {} waiting for DCS, ignored", tag, b.last().fcf());
            }
        } else if (in instanceof BadFrame bf && bf.looksFinal()) {
            sendCrp();
        } else if (in instanceof Fired f) {
            if (f.timer() == T30Timer.T4 && !dcsSeen) {
                sendDis(); // T.30: DIS repeated until T1
            } else if (f.timer() == T30Timer.T1) {
                engine.finish(T30Result.T1_EXPIRED, false, "no DCS");
            } else if (f.timer() == T30Timer.T2) {
                engine.finish(T30Result.T2_EXPIRED, true, "no command after " + (lastTcfBad ? "FTT" : "response"));
            }
        }
    }

    private boolean pagesDoneAndEom() {
        return engine.pagesDone > 0;
    }

    private void processDcs(Burst b) {
        HdlcFrame dcsFrame = b.find(Fcf.DCS);
        DisDcsCodec.Dcs dcs;
        try {
            dcs = DisDcsCodec.decodeDcs(dcsFrame.fif());
        } catch (IllegalArgumentException e) {
            engine.finish(T30Result.RX_INVALCMD, true, e.getMessage());
            return;
        }
        String problem = Negotiation.checkDcs(config.capabilities(), dcs.mode());
        if (!problem.isEmpty() || !dcs.receiveFax()) {
            engine.finish(T30Result.INCOMPATIBLE, true, problem.isEmpty() ? "DCS bit 10 not set" : problem);
            return;
        }
        HdlcFrame tsi = b.find(Fcf.TSI);
        HdlcFrame nss = b.find(Fcf.NSS);
        HdlcFrame sub = b.find(Fcf.SUB);
        HdlcFrame sid = b.find(Fcf.SID);
        engine.remoteIdent = tsi == null ? engine.remoteIdent : Identity.decode(tsi.fif());
        engine.remoteNsf = nss == null ? engine.remoteNsf : nss.fif();
        remoteSub = sub == null ? remoteSub : Identity.decode(sub.fif());
        remoteSid = sid == null ? remoteSid : Identity.decode(sid.fif());
        boolean first = engine.mode == null || !engine.mode.equals(dcs.mode());
        engine.mode = dcs.mode();
        dcsSeen = true;
        lastVerdictRtn = false;
        engine.cancel(T30Timer.T1);
        engine.cancel(T30Timer.T4);
        if (first) {
            engine.out.add(new T30Action.RemoteIdentified(
                    new RemoteInfo(engine.remoteIdent, engine.remoteNsf, remoteSub, remoteSid, null, engine.mode)));
        }
        engine.out.add(new T30Action.StartReceive(engine.mode.modulation(), false));
        engine.restart(T30Timer.T2);
        engine.transitionTo(T30State.F_TCF, "DCS " + engine.mode);
    }

    void inFTcf(Input in) {
        if (in instanceof Sent) {
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(T30Timer.T2);
        } else if (in instanceof Other o && o.event() instanceof T30Event.TcfReceived t) {
            engine.cancel(T30Timer.T2);
            lastAnsweredKey = "";
            boolean good = t.stats().longestZeroRunMillis() >= config.tcfMinZeroRunMillis();
            LOG.info("[{}] TCF at {}: {} ms, longest zero run {} ms, {} one bits: {}", tag, engine.mode.modulation(),
                    t.stats().durationMillis(), t.stats().longestZeroRunMillis(), t.stats().nonZeroBits(), good ? "good" : "bad");
            lastTcfBad = !good;
            if (good) {
                respond(Fcf.CFR, "DCS", engine.mode.ecm() ? T30State.F_DOC_ECM : T30State.F_DOC_NON_ECM);
                startReceivingPage();
            } else {
                respond(Fcf.FTT, "DCS", T30State.R);
            }
        } else if (in instanceof Burst b) {
            receiverCommon(b, T30Result.DCN_WHILE_RX);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            LOG.info("[{}] no TCF, waiting for DCS again", tag);
            engine.transitionTo(T30State.R, "no TCF");
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(T30Timer.T2);
        }
    }

    private void startReceivingPage() {
        if (pageBuffer == null) {
            pageBuffer = new ByteSink(config.maxPageBytes());
        }
        if (engine.mode.ecm() && (block == null || block.frameSize() != engine.mode.ecmFrameSize())) {
            block = new EcmBlockBuffer(engine.mode.ecmFrameSize());
        }
    }

    /**
     * DCN, DCS, CRP and repeated commands in any receiver state; true if handled, else logged and ignored.
     */
    private boolean receiverCommon(Burst b, T30Result onDcn) {
        if (b.has(Fcf.DCN)) {
            engine.finish(lastTcfBad ? T30Result.TCFBADTRAIN : onDcn, false, "DCN in " + engine.state());
            return true;
        }
        if (b.has(Fcf.DCS)) {
            processDcs(b);
            return true;
        }
        if (b.has(Fcf.CRP)) {
            resendLastResponse("CRP");
            return true;
        }
        if (answerDuplicate(b)) {
            return true;
        }
        LOG.info("[{}] unexpected {} in {}, ignored", tag, b.last().fcf(), engine.state());
        return false;
    }

    /** If {@code b} is the command we last answered (our response was lost), answer it again. */
    private boolean answerDuplicate(Burst b) {
        if (!lastAnsweredKey.isEmpty() && commandKey(b.last()).equals(lastAnsweredKey)) {
            LOG.info("[{}] {} repeated: our response was lost", tag, b.last().fcf());
            resendLastResponse("repeat");
            if (stateAfterLastResponse != null && stateAfterLastResponse != engine.state()
                    && engine.state().canGoTo(stateAfterLastResponse)) {
                engine.transitionTo(stateAfterLastResponse, "answered again");
            }
            return true;
        }
        return false;
    }

    private static String commandKey(HdlcFrame f) {
        return f.fcf().name() + java.util.HexFormat.of().formatHex(f.fif());
    }

    private void respond(Fcf response, String toKey, T30State next) {
        respondFrames(List.of(HdlcFrame.of(response, xBit, true)), toKey, next);
    }

    private void respondFrames(List<HdlcFrame> frames, String toKey, T30State next) {
        engine.sendV21(frames);
        lastResponse = frames;
        lastAnsweredKey = toKey;
        stateAfterLastResponse = next;
        if (next != engine.state()) {
            engine.transitionTo(next, frames.get(frames.size() - 1).fcf() + " sent");
        }
    }

    private void resendLastResponse(String why) {
        if (lastResponse.isEmpty()) {
            return;
        }
        LOG.info("[{}] {}: sending {} again", tag, why, lastResponse.get(lastResponse.size() - 1).fcf());
        engine.sendV21(lastResponse);
    }

    private void sendCrp() {
        LOG.info("[{}] bad final frame: asking for the command again", tag);
        engine.sendV21(List.of(HdlcFrame.of(Fcf.CRP, xBit, true)));
    }

    // ------------------------------------------------------------------ receiver: non-ECM page

    void inFDocNonEcm(Input in) {
        if (in instanceof Sent) {
            engine.out.add(new T30Action.StartReceive(engine.mode.modulation(), false));
            engine.arm(T30Timer.T2);
        } else if (in instanceof Other o) {
            T30Event e = o.event();
            if (e instanceof T30Event.CarrierUp) {
                engine.cancel(T30Timer.T2);
                lastAnsweredKey = "";
            } else if (e instanceof T30Event.PageDataReceived d) {
                engine.cancel(T30Timer.T2);
                lastAnsweredKey = "";
                pageBuffer.append(d.chunk());
            } else if (e instanceof T30Event.PageDataEnd end) {
                engine.cancel(T30Timer.T2);
                pendingQuality = judge(end.lines(), end.badLines());
                LOG.info("[{}] page {} received: {} octets, {} lines, {} bad: {}", tag, engine.pagesDone + 1,
                        pageBuffer.size(), end.lines(), end.badLines(), pendingQuality.verdict());
                engine.transitionTo(T30State.F_POST_DOC_NON_ECM, "page data ended");
                engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
                engine.arm(T30Timer.T2);
            }
        } else if (in instanceof Burst b) {
            receiverCommon(b, T30Result.DCN_DATA_RX);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            engine.finish(T30Result.T2_EXPIRED, true, "no page carrier");
        }
    }

    private PageQuality judge(int lines, int bad) {
        PageQuality.Verdict v;
        if (lines <= 0 || pageBuffer.truncated()) {
            v = PageQuality.Verdict.RTN;
        } else {
            double share = (double) bad / lines;
            v = share <= config.mcfMaxBadShare() ? PageQuality.Verdict.MCF
                    : share <= config.rtpMaxBadShare() ? PageQuality.Verdict.RTP : PageQuality.Verdict.RTN;
        }
        return new PageQuality(lines, bad, 0, v);
    }

    private static boolean isPostPageCommand(Fcf f) {
        return f.equals(Fcf.MPS) || f.equals(Fcf.EOM) || f.equals(Fcf.EOP)
                || f.equals(Fcf.PRI_MPS) || f.equals(Fcf.PRI_EOM) || f.equals(Fcf.PRI_EOP);
    }

    /** PRI-x as x: we have no operator to hand the line to (T.30 procedure interrupt). */
    private Fcf withoutInterrupt(Fcf f) {
        if (f.equals(Fcf.PRI_MPS) || f.equals(Fcf.PRI_EOM) || f.equals(Fcf.PRI_EOP)) {
            LOG.info("[{}] {}: procedure interrupt not supported (no operator), taken as the plain command", tag, f);
            return f.equals(Fcf.PRI_MPS) ? Fcf.MPS : f.equals(Fcf.PRI_EOM) ? Fcf.EOM : Fcf.EOP;
        }
        return f;
    }

    void inFPostDocNonEcm(Input in) {
        if (in instanceof Sent) {
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(T30Timer.T2);
        } else if (in instanceof Burst b) {
            HdlcFrame cmd = b.last();
            if (!isPostPageCommand(cmd.fcf())) {
                receiverCommon(b, T30Result.DCN_PHASE_D_RX);
                return;
            }
            engine.cancel(T30Timer.T2);
            Fcf c = withoutInterrupt(cmd.fcf());
            PageQuality q = pendingQuality;
            Fcf response = switch (q.verdict()) {
                case MCF -> Fcf.MCF;
                case RTP -> Fcf.RTP;
                case RTN -> Fcf.RTN;
            };
            lastVerdictRtn = q.verdict() == PageQuality.Verdict.RTN;
            if (!lastVerdictRtn) {
                deliverPage(pageBuffer.toByteArray(), q);
            }
            pageBuffer.clear();
            T30State next;
            if (lastVerdictRtn || q.verdict() == PageQuality.Verdict.RTP && c.equals(Fcf.MPS)) {
                next = T30State.R; // the sender retrains with DCS
            } else if (c.equals(Fcf.MPS)) {
                next = T30State.F_DOC_NON_ECM;
            } else if (c.equals(Fcf.EOM)) {
                next = T30State.R;
                enterPhaseBAgain();
            } else {
                next = T30State.F_POST_EOP;
            }
            respond(response, commandKey(cmd), next);
        } else if (in instanceof BadFrame bf && bf.looksFinal()) {
            sendCrp();
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            engine.finish(T30Result.T2_EXPIRED, true, "no post-page command");
        }
    }

    private void enterPhaseBAgain() {
        sendDisAfterResponse = true;
        dcsSeen = false;
        engine.arm(T30Timer.T1);
    }

    private void deliverPage(byte[] data, PageQuality q) {
        engine.pagesDone++;
        engine.out.add(new T30Action.PageReceived(engine.pagesDone, engine.mode, data, q));
    }

    void inFPostEop(Input in) {
        if (in instanceof Sent) {
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(T30Timer.T2);
        } else if (in instanceof Burst b) {
            if (b.has(Fcf.DCN)) {
                engine.finish(T30Result.OK, false, engine.pagesDone + " pages received");
            } else if (b.has(Fcf.CRP)) {
                resendLastResponse("CRP");
            } else if (!answerDuplicate(b)) {
                LOG.info("[{}] unexpected {} waiting for DCN, ignored", tag, b.last().fcf());
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            engine.finish(T30Result.OK, false, engine.pagesDone + " pages received, no DCN");
        }
    }

    // ------------------------------------------------------------------ receiver: ECM

    void inFDocEcm(Input in) {
        if (in instanceof Sent) {
            engine.out.add(new T30Action.StartReceive(engine.mode.modulation(), true));
            engine.arm(T30Timer.T2);
        } else if (in instanceof Ecm e) {
            engine.cancel(T30Timer.T2);
            HdlcFrame f = e.frame();
            if (f.fcf().equals(Fcf.FCD) && f.fifLength() >= 1) {
                lastAnsweredKey = ""; // new data: a PPS with the same numbers is a new question
                byte[] fif = f.fif();
                if (!block.put(fif[0] & 0xFF, java.util.Arrays.copyOfRange(fif, 1, fif.length))) {
                    LOG.warn("[{}] FCD #{} of {} octets does not fit frame size {}, dropped", tag, fif[0] & 0xFF,
                            fif.length - 1, engine.mode.ecmFrameSize());
                }
            } else if (f.fcf().equals(Fcf.RCP)) {
                endOfPartialPage("RCP");
            }
        } else if (in instanceof Other o) {
            if (o.event() instanceof T30Event.CarrierUp) {
                engine.cancel(T30Timer.T2);
            } else if (o.event() instanceof T30Event.CarrierDown) {
                endOfPartialPage("carrier down");
            }
        } else if (in instanceof Burst b) {
            Fcf c = b.last().fcf();
            if (c.equals(Fcf.PPS) || c.equals(Fcf.EOR) || c.equals(Fcf.CTC) || c.equals(Fcf.RR)) {
                if (answerDuplicate(b)) {
                    return;
                }
                endOfPartialPage(c + " without RCP");
                inFPostDocEcm(in);
                return;
            }
            receiverCommon(b, T30Result.DCN_DATA_RX);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            engine.finish(T30Result.T2_EXPIRED, true, "no ECM data");
        }
    }

    private void endOfPartialPage(String why) {
        engine.transitionTo(T30State.F_POST_DOC_ECM, why);
        engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
        engine.restart(T30Timer.T2);
    }

    void inFPostDocEcm(Input in) {
        if (in instanceof Sent) {
            engine.out.add(new T30Action.StartReceive(Modulation.V21, true));
            engine.arm(T30Timer.T2);
        } else if (in instanceof Burst b) {
            HdlcFrame cmd = b.last();
            Fcf c = cmd.fcf();
            if (answerDuplicate(b)) {
                return;
            }
            if (c.equals(Fcf.PPS) && cmd.fifLength() >= 4) {
                engine.cancel(T30Timer.T2);
                int fcf2 = cmd.fifOctet(0);
                int count = cmd.fifOctet(3) + 1;
                lastPpsCount = count;
                int missing = block.missing(count);
                if (missing == 0) {
                    blockComplete(fcf2, count, Fcf.MCF, commandKey(cmd));
                } else {
                    LOG.info("[{}] partial page {}/{}: {} of {} frames missing, PPR", tag, cmd.fifOctet(1),
                            cmd.fifOctet(2), missing, count);
                    respondFrames(List.of(HdlcFrame.of(Fcf.PPR, xBit, true, block.pprBitmap(count))),
                            commandKey(cmd), T30State.F_DOC_ECM);
                }
            } else if (c.equals(Fcf.EOR) && cmd.fifLength() >= 1) {
                engine.cancel(T30Timer.T2);
                int missing = block.missing(lastPpsCount);
                ecmMissingOnPage += missing;
                LOG.warn("[{}] EOR: accepting partial page with {} frames missing", tag, missing);
                blockComplete(cmd.fifOctet(0), lastPpsCount, Fcf.ERR, commandKey(cmd));
            } else if (c.equals(Fcf.CTC) && cmd.fifLength() >= 2) {
                engine.cancel(T30Timer.T2);
                Modulation m = Modulation.fromDcsCode((cmd.fifOctet(1) >> 2) & 0x0F);
                if (m == null || !config.capabilities().modems().contains(m.family())) {
                    engine.finish(T30Result.RX_INVALCMD, true, "CTC with an impossible rate");
                    return;
                }
                engine.mode = engine.mode.withModulation(m);
                respond(Fcf.CTR, commandKey(cmd), T30State.F_DOC_ECM);
            } else if (c.equals(Fcf.RR)) {
                engine.cancel(T30Timer.T2);
                if (pendingFcf2 < 0) {
                    resendLastResponse("RR");
                } else if (busy) {
                    engine.sendV21(List.of(HdlcFrame.of(Fcf.RNR, xBit, true)));
                } else {
                    int f2 = pendingFcf2;
                    pendingFcf2 = -1;
                    blockComplete(f2, pendingCount, Fcf.MCF, pendingKey);
                }
            } else {
                receiverCommon(b, T30Result.DCN_PHASE_D_RX);
            }
        } else if (in instanceof BadFrame bf && bf.looksFinal()) {
            sendCrp();
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            engine.finish(T30Result.T2_EXPIRED, true, "no PPS");
        }
    }

    private void blockComplete(int fcf2, int count, Fcf response, String key) {
        if (busy && response.equals(Fcf.MCF)) {
            pendingFcf2 = fcf2;
            pendingCount = count;
            pendingKey = key;
            LOG.info("[{}] partial page complete but storage busy: RNR", tag);
            lastResponse = List.of(HdlcFrame.of(Fcf.RNR, xBit, true));
            engine.sendV21(lastResponse);
            if (engine.state() != T30State.F_POST_DOC_ECM) {
                engine.transitionTo(T30State.F_POST_DOC_ECM, "RNR sent");
            }
            return;
        }
        pageBuffer.append(block.assemble(count));
        block.clear();
        T30State next;
        if (fcf2 == Fcf.NULL_FCF2) {
            next = T30State.F_DOC_ECM;
        } else {
            Fcf c = withoutInterrupt(Fcf.of(fcf2));
            PageQuality q = new PageQuality(-1, 0, ecmMissingOnPage,
                    ecmMissingOnPage == 0 ? PageQuality.Verdict.MCF : PageQuality.Verdict.RTP);
            LOG.info("[{}] page {} received: {} octets by ECM, {} frames missing", tag, engine.pagesDone + 1,
                    pageBuffer.size(), ecmMissingOnPage);
            deliverPage(pageBuffer.toByteArray(), q);
            pageBuffer.clear();
            ecmMissingOnPage = 0;
            if (c.equals(Fcf.MPS)) {
                next = T30State.F_DOC_ECM;
            } else if (c.equals(Fcf.EOM)) {
                next = T30State.R;
                enterPhaseBAgain();
            } else {
                next = T30State.F_POST_EOP;
            }
        }
        if (next == engine.state()) {
            // RNR was pending in F_POST_DOC_ECM and the next state is the same: nothing to change
            engine.sendV21(List.of(HdlcFrame.of(response, xBit, true)));
            return;
        }
        respond(response, key, next);
    }
}
