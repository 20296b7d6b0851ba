package org.t37gw.vtsp;

import org.t37gw.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.HostPort;
import org.t37gw.config.PortDriver;
import org.t37gw.config.VoicePort;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t30.T30Capabilities;
import org.t37gw.fmsp.t30.T30Config;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.terminal.IfpReceiver;
import org.t37gw.fmsp.terminal.T38Terminal;
import org.t37gw.fmsp.terminal.TiffPageSource;

/**
 * Two {@code t38} voice-ports back to back on loopback, our T.38 terminal at both ends (ten times real time): a
 * dial on one rings the other with its called-number, both connect, a fax goes through, both hang up; then a call
 * the other way round on the same ports.
 */
@Timeout(60)
class T38PortDriverTest {

    private static final double SCALE = 10;

    /** Call control as a test sees it. */
    static final class Control implements Vtsp.Listener {
        final LinkedBlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> rings = new LinkedBlockingQueue<>();
        volatile CallId next;

        @Override
        public Optional<CallId> incoming(String port, String calling, String called) {
            rings.add(port + " for " + called);
            return Optional.ofNullable(next);
        }

        @Override
        public void event(CallEvent e) {
            events.add(e);
        }

        CallEvent take() throws InterruptedException {
            CallEvent e = events.poll(10, TimeUnit.SECONDS);
            assertTrue(e != null, "no call event");
            return e;
        }
    }

    @Test
    void dialRingsThePeerPortAndCarriesAFaxBothWays() throws Exception {
        int[] p = FreePorts.udp(2);
        VoicePort a = new VoicePort("1", new PortDriver.T38(new HostPort("127.0.0.1", p[0]),
                new HostPort("127.0.0.1", p[1]), "5550100"), null, 0);
        VoicePort b = new VoicePort("2", new PortDriver.T38(new HostPort("127.0.0.1", p[1]),
                new HostPort("127.0.0.1", p[0]), "5550199"), null, 0);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        T38PortDriver da = T38PortDriver.create(a, group);
        T38PortDriver db = T38PortDriver.create(b, group);
        Control ca = new Control();
        Control cb = new Control();
        try {
            da.start(ca);
            db.start(cb);
            assertEquals("t38", da.name());
            assertEquals(java.util.Set.of("1"), da.ports());
            oneFax(da, ca, db, cb, "2 for 5550199");
            oneFax(db, cb, da, ca, "1 for 5550100");
        } finally {
            da.stop();
            db.stop();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void oneFax(T38PortDriver caller, Control callerCc, T38PortDriver callee, Control calleeCc, String ring)
            throws Exception {
        CallId out = CallId.next();
        CallId in = CallId.next();
        calleeCc.next = in;
        caller.dial(out, caller.ports().iterator().next(), "5550199", null);
        assertEquals(new CallEvent.Alerting(out), callerCc.take());
        assertEquals(new CallEvent.Connect(out), callerCc.take());

        Bilevel page = Bilevel.white(1728, 200, 204, 98);
        for (int y = 20; y < 180; y++) {
            page.set(100 + y * 7, y, true);
        }
        T38Terminal tx = caller.startFax(out, T30Engine.callingSender(T30Config.builder().ident("111").logTag("a")
                .capabilities(T30Capabilities.full()).build(), new TiffPageSource(List.of(page))), null, SCALE);

        assertEquals(ring, calleeCc.rings.poll(10, TimeUnit.SECONDS));
        callee.answer(in);
        assertEquals(new CallEvent.Connect(in), calleeCc.take());
        List<byte[]> pages = new ArrayList<>();
        List<T30Action.PageReceived> received = new ArrayList<>();
        T38Terminal rx = callee.startFax(in, T30Engine.answeringReceiver(T30Config.builder().ident("222").logTag("b")
                .capabilities(T30Capabilities.full()).build()), new T38Terminal.Listener() {
                    @Override
                    public void pageReceived(T30Action.PageReceived p) {
                        received.add(p);
                        pages.add(p.data());
                    }
                }, SCALE);
        T38Terminal.Outcome sent = tx.outcome().get(30, TimeUnit.SECONDS);
        T38Terminal.Outcome got = rx.outcome().get(30, TimeUnit.SECONDS);
        assertEquals(T30Result.OK, sent.result());
        assertEquals(T30Result.OK, got.result());
        assertEquals("222", sent.remoteIdent().trim());
        assertEquals("111", got.remoteIdent().trim());
        assertEquals(1, received.size());
        // decode what arrived and compare with the page
        var dec = new org.t37gw.dmsp.t4.T4Decoder(IfpReceiver.params(received.get(0).mode()),
                org.t37gw.dmsp.t4.DecodeLimits.DEFAULT);
        byte[] data = pages.get(0);
        dec.feed(data, 0, data.length);
        dec.endOfInput();
        Bilevel back = Bilevel.white(1728, 200, 204, 98);
        byte[] row = new byte[dec.rowBytes()];
        int y = 0;
        while (dec.nextRow(row, 0) == org.t37gw.dmsp.t4.T4Decoder.ROW) {
            for (int x = 0; x < 1728; x++) {
                if ((row[x >> 3] & (0x80 >> (x & 7))) != 0) {
                    back.set(x, y, true);
                }
            }
            y++;
        }
        assertEquals(200, y);
        assertTrue(page.samePixels(back), page.firstDifference(back));

        caller.hangUp(out, Q850Cause.NORMAL_CLEARING);
        callee.hangUp(in, Q850Cause.NORMAL_CLEARING);
        assertInstanceOf(CallEvent.Disconnect.class, callerCc.take());
        assertInstanceOf(CallEvent.Disconnect.class, calleeCc.take());
        // the guard time passes before the next call may ring (no sleeping: wait for it on a future)
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(2100, TimeUnit.MILLISECONDS)).get();
        assertTrue(calleeCc.rings.isEmpty() && callerCc.rings.isEmpty(), "the tail of the call rang a port");
    }

}
