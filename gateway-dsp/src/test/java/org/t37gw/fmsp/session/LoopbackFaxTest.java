package org.t37gw.fmsp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallLeg;
import org.t37gw.ccapi.CallResult;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.ccapi.FaxSessionOptions;
import org.t37gw.ccapi.PageSink;
import org.t37gw.ccapi.PageSource;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.service.DmspService;
import org.t37gw.dmsp.service.FaxPages;
import org.t37gw.dmsp.service.TiffPageSink;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

/**
 * Faxes over the loopback line between voice-ports 0 and 1, through the composite Vtsp, PortFmsp and the Dmsp, with
 * real call control (CallManager, CallRouter, dial-peers from a config text); ten times real time.
 */
@Timeout(60)
class LoopbackFaxTest {
    private static final double SCALE = 10;

    @TempDir
    Path dir;

    /** Three different fine pages, A4 wide, short (so the test is quick) but not trivial. */
    static List<Bilevel> pages() {
        List<Bilevel> pages = new ArrayList<>();
        Random rnd = new Random(37);
        for (int p = 0; p < 3; p++) {
            Bilevel b = Bilevel.white(1728, 260 + 40 * p, 204, 196);
            for (int i = 0; i < 120; i++) {
                int y = rnd.nextInt(b.height());
                int x = rnd.nextInt(1600);
                int len = 1 + rnd.nextInt(120);
                for (int k = 0; k < len; k++) {
                    b.set(x + k, y, true);
                }
            }
            for (int y = 0; y < b.height(); y++) { // a diagonal per page, at a different slope
                b.set((y * (p + 2)) % 1728, y, true);
            }
            pages.add(b);
        }
        return pages;
    }

    private Path tiff(List<Bilevel> pages) throws IOException {
        Path f = dir.resolve("out.tif");
        try (TiffFaxWriter w = new TiffFaxWriter(f, TiffFaxWriter.Options.profileS())) {
            for (Bilevel b : pages) {
                w.addPage(b);
            }
        }
        return f;
    }

    /** A sink that keeps the pages as they come and passes them on. */
    static final class Keeping implements PageSink {
        final PageSink inner;
        final List<FaxPage> pages = new ArrayList<>();

        Keeping(PageSink inner) {
            this.inner = inner;
        }

        @Override
        public void accept(FaxPage page) throws IOException {
            pages.add(page);
            inner.accept(page);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }
    }

    private static CallEvent last(List<CallEvent> events) {
        return events.get(events.size() - 1);
    }

    @Test
    void threePagesFromPortZeroArrivePixelExactOnPortOneWithEcm() throws Exception {
        oneFax(new FaxSessionOptions("5550111", 14400, true), FaxCoding.MMR);
    }

    @Test
    void threePagesWithoutEcmAt9600() throws Exception {
        oneFax(new FaxSessionOptions("5550111", 9600, false), FaxCoding.MR);
    }

    private void oneFax(FaxSessionOptions txOptions, FaxCoding expectedCoding) throws Exception {
        List<Bilevel> sent = pages();
        Dmsp dmsp = new DmspService();
        try (LoopbackHarness h = new LoopbackHarness(SCALE)) {
            CallId out = h.dial("0", "12345", "5550111");
            CallLeg in = h.nextSetup();
            assertEquals("1", in.port());
            assertEquals("5550100", in.called(), "port 1's called-number, not the dialled digits");
            assertEquals("5550111", in.calling());
            assertInstanceOf(CallEvent.Setup.class, h.next(in.id(), 5));
            assertInstanceOf(CallEvent.Setup.class, h.next(out, 5));
            assertEquals(new CallEvent.Alerting(out), h.next(out, 5));
            h.vtsp.answer(in.id());
            assertEquals(new CallEvent.Connect(in.id()), h.next(in.id(), 5));
            assertEquals(new CallEvent.Connect(out), h.next(out, 5));

            Path target = dir.resolve("in.tif");
            Keeping sink = new Keeping(dmsp.faxToDoc(target, null));
            PageSource source = dmsp.docToFax(tiff(sent), "image/tiff",
                    new Dmsp.PageFormat(FaxCoding.MH, FaxResolution.FINE, 1728));
            h.fmsp.receive(in.id(), new FaxSessionOptions("5550100", 14400, true), sink, h.calls::fire);
            h.fmsp.send(out, txOptions, source, h.calls::fire);

            List<CallEvent> txEvents = h.until(out, CallEvent.FaxCompleted.class, 40);
            List<CallEvent> rxEvents = h.until(in.id(), CallEvent.FaxCompleted.class, 10);
            assertEquals(new CallEvent.FaxCompleted(out, true, ""), txEvents.get(txEvents.size() - 1), txEvents.toString());
            assertEquals(new CallEvent.FaxCompleted(in.id(), true, ""), rxEvents.get(rxEvents.size() - 1),
                    rxEvents.toString());
            CallEvent.FaxModeNegotiated mode = txEvents.stream().filter(CallEvent.FaxModeNegotiated.class::isInstance)
                    .map(CallEvent.FaxModeNegotiated.class::cast).findFirst().orElseThrow();
            assertTrue(rxEvents.contains(new CallEvent.RemoteIdentified(in.id(), txOptions.localIdent().strip()))
                    || txOptions.localIdent().isBlank(), "the receiver learns the sender's TSI: " + rxEvents);
            assertEquals(txOptions.ecm(), mode.ecm());
            assertEquals(expectedCoding, mode.coding());
            assertEquals(FaxResolution.FINE, mode.resolution());
            assertEquals(txOptions.maxBitRate(), mode.bitRate());
            assertEquals(List.of(new CallEvent.PageSent(out, 1), new CallEvent.PageSent(out, 2),
                    new CallEvent.PageSent(out, 3)), txEvents.stream().filter(CallEvent.PageSent.class::isInstance).toList());
            assertEquals(List.of(new CallEvent.PageReceived(in.id(), 1, true), new CallEvent.PageReceived(in.id(), 2, true),
                    new CallEvent.PageReceived(in.id(), 3, true)),
                    rxEvents.stream().filter(CallEvent.PageReceived.class::isInstance).toList());

            // pages handed to the sink as received: the negotiated coding, pixel-exact
            assertEquals(3, sink.pages.size());
            for (int i = 0; i < 3; i++) {
                FaxPage p = sink.pages.get(i);
                assertEquals(expectedCoding, p.coding());
                assertEquals(sent.get(i).height(), p.rows());
                Bilevel back = FaxPages.decode(p);
                assertTrue(sent.get(i).samePixels(back), "page " + (i + 1) + ": " + sent.get(i).firstDifference(back));
            }
            // and the TIFF-F the Dmsp wrote: complete, renamed into place, same pixels
            assertTrue(((TiffPageSink) sink.inner).complete());
            assertFalse(Files.exists(dir.resolve("in.tif.part")));
            TiffFaxReader r = TiffFaxReader.open(target);
            assertEquals(3, r.pageCount());
            for (int i = 0; i < 3; i++) {
                Bilevel back = r.decodePage(i).image();
                assertTrue(sent.get(i).samePixels(back), "TIFF page " + (i + 1) + ": " + sent.get(i).firstDifference(back));
            }

            // hang-up on one side clears both
            h.vtsp.hangUp(out, Q850Cause.NORMAL_CLEARING);
            assertEquals(new CallEvent.Disconnect(out, Q850Cause.NORMAL_CLEARING), h.next(out, 5));
            assertEquals(new CallEvent.Disconnect(in.id(), Q850Cause.NORMAL_CLEARING), h.next(in.id(), 5));
            assertEquals(CallResult.SUCCESS, h.calls.call(out).orElseThrow().result());
            assertEquals(CallResult.SUCCESS, h.calls.call(in.id()).orElseThrow().result());
            assertEquals(3, h.calls.counters().pagesSent());
            assertEquals(3, h.calls.counters().pagesReceived());
            assertEquals(0, h.fmsp.activeSessions());
        }
    }

    @Test
    void hangUpMidFaxEndsBothSessionsFirstAndKeepsTheReceivedPages() throws Exception {
        List<Bilevel> sent = pages();
        Dmsp dmsp = new DmspService();
        try (LoopbackHarness h = new LoopbackHarness(SCALE)) {
            CallId out = h.dial("0", "777", null);
            CallLeg in = h.nextSetup();
            h.vtsp.answer(in.id());
            h.until(out, CallEvent.Connect.class, 5);
            Path target = dir.resolve("partial.tif");
            TiffPageSink sink = (TiffPageSink) dmsp.faxToDoc(target, null);
            h.fmsp.receive(in.id(), FaxSessionOptions.defaults(), sink, h.calls::fire);
            h.fmsp.send(out, FaxSessionOptions.defaults(), dmsp.docToFax(tiff(sent), "image/tiff",
                    new Dmsp.PageFormat(FaxCoding.MH, FaxResolution.FINE, 1728)), h.calls::fire);
            h.until(in.id(), CallEvent.PageReceived.class, 40);
            h.vtsp.hangUp(in.id(), Q850Cause.NORMAL_UNSPECIFIED);

            List<CallEvent> rx = h.until(in.id(), CallEvent.Disconnect.class, 10);
            List<CallEvent> tx = h.until(out, CallEvent.Disconnect.class, 10);
            CallEvent.FaxCompleted rxDone = (CallEvent.FaxCompleted) rx.get(rx.size() - 2);
            CallEvent.FaxCompleted txDone = (CallEvent.FaxCompleted) tx.get(tx.size() - 2);
            assertFalse(rxDone.success());
            assertFalse(txDone.success());
            assertTrue(txDone.diagnostic().startsWith("CALL_DROPPED"), txDone.diagnostic());
            assertEquals(CallResult.FAILED, h.calls.call(out).orElseThrow().result());

            // the pages received before the hang-up are in the target file
            assertTrue(sink.delivered());
            assertFalse(sink.complete());
            int kept = sink.pagesWritten();
            assertTrue(kept >= 1 && kept < 3, "kept " + kept);
            TiffFaxReader r = TiffFaxReader.open(target);
            assertEquals(kept, r.pageCount());
            assertTrue(sent.get(0).samePixels(r.decodePage(0).image()));
            assertFalse(Files.exists(dir.resolve("partial.tif.part")));
        }
    }

    @Test
    void callNoDialPeerAnswersIsRefusedAndTheLineStaysUsable() throws Exception {
        try (LoopbackHarness h = new LoopbackHarness(SCALE)) {
            // port 1 rings port 0 with the dialled digits; no inbound dial-peer covers port 0
            CallId refused = h.dial("1", "4242", "5550100");
            assertEquals(new CallEvent.Disconnect(refused, Q850Cause.CALL_REJECTED), last(h.until(refused,
                    CallEvent.Disconnect.class, 5)));
            assertTrue(h.app.setups.isEmpty());

            // a dial on a busy line, and a hang-up while ringing
            CallId out = h.dial("0", "1", null);
            CallLeg in = h.nextSetup();
            assertEquals(new CallEvent.Alerting(out), last(h.until(out, CallEvent.Alerting.class, 5)));
            CallId busy = h.dial("1", "2", null);
            assertEquals(new CallEvent.Disconnect(busy, Q850Cause.USER_BUSY),
                    last(h.until(busy, CallEvent.Disconnect.class, 5)));
            h.vtsp.hangUp(out, Q850Cause.NORMAL_CLEARING);
            assertEquals(new CallEvent.Disconnect(out, Q850Cause.NORMAL_CLEARING), h.next(out, 5));
            assertEquals(new CallEvent.Disconnect(in.id(), Q850Cause.NORMAL_CLEARING),
                    last(h.until(in.id(), CallEvent.Disconnect.class, 5)));

            // a session on a call that is not connected fails at once
            List<CallEvent> got = new ArrayList<>();
            h.fmsp.send(out, FaxSessionOptions.defaults(), new DmspService().docToFax(tiff(pages()), "image/tiff",
                    Dmsp.PageFormat.profileS(FaxResolution.FINE)), got::add);
            assertEquals(1, got.size());
            assertFalse(((CallEvent.FaxCompleted) got.get(0)).success());

            // and the line works again
            CallId again = h.dial("0", "3", null);
            CallLeg in2 = h.nextSetup();
            h.vtsp.answer(in2.id());
            assertEquals(new CallEvent.Connect(again), last(h.until(again, CallEvent.Connect.class, 5)));
        }
    }
}
