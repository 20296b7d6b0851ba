package org.t37gw.fmsp.t38.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.t37gw.fmsp.t38.DataField;
import org.t37gw.fmsp.t38.DataType;
import org.t37gw.fmsp.t38.FieldType;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.T30Indicator;
import org.t37gw.fmsp.t38.UdptlErrorCorrection;

@Timeout(20)
class UdptlChannelTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Collects what a channel delivers. */
    private static final class Collector implements UdptlChannel.Listener {
        final List<IfpPacket> packets = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> seqs = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch latch;

        Collector(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void onIfp(int seq, IfpPacket packet) {
            packets.add(packet);
            seqs.add(seq);
            latch.countDown();
        }
    }

    /** Waits until {@code c} has at least {@code n} packets, at most {@code seconds}. */
    private static void awaitAtLeast(Collector c, int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (c.packets.size() < n && System.nanoTime() < deadline) {
            c.latch.await(2, TimeUnit.MILLISECONDS);
        }
    }

    private static List<IfpPacket> packets(int n) {
        List<IfpPacket> out = new ArrayList<>();
        out.add(IfpPacket.indicator(T30Indicator.V21_PREAMBLE));
        for (int i = 1; i < n; i++) {
            out.add(IfpPacket.data(DataType.V21, new DataField(FieldType.HDLC_DATA, new byte[] {(byte) i, 0x13})));
        }
        return out;
    }

    @Test
    void twoChannelsExchangeIfpPacketsAndDropForeignAndNonUdptlDatagrams() throws Exception {
        // bind both on port 0 first, then point each at the other: a channel's remote is fixed at open
        try (DatagramSocket probeA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket probeB = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int portA = probeA.getLocalPort();
            int portB = probeB.getLocalPort();
            probeA.close();
            probeB.close();
            Collector atB = new Collector(20);
            Collector atA = new Collector(1);
            try (UdptlChannel a = UdptlChannel.open(group, UdptlConfig.of(loopback(portA), loopback(portB)), atA);
                 UdptlChannel b = UdptlChannel.open(group, UdptlConfig.of(loopback(portB), loopback(portA)), atB)) {
                List<IfpPacket> sent = packets(20);
                for (int i = 0; i < sent.size(); i++) {
                    a.send(sent.get(i), i == 0 ? 3 : 1); // the indicator three times, like spandsp
                }
                assertTrue(atB.latch.await(5, TimeUnit.SECONDS), "B got " + atB.packets.size());
                assertEquals(sent, atB.packets);
                b.send(IfpPacket.indicator(T30Indicator.CED));
                assertTrue(atA.latch.await(5, TimeUnit.SECONDS));
                assertEquals(List.of(IfpPacket.indicator(T30Indicator.CED)), atA.packets);

                assertEquals(2, b.stats().udptl().duplicates(), b.stats().toString()); // extra indicator copies
                assertEquals(20, atB.packets.size());
            }
        }
    }

    @Test
    void dropsNonUdptlAndForeignDatagramsQuietly() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Collector got = new Collector(1);
            try (UdptlChannel c = UdptlChannel.open(group,
                    UdptlConfig.of(loopback(0), loopback(peer.getLocalPort())), got)) {
                InetSocketAddress to = loopback(c.localAddress().getPort());
                byte[] rtcpRr = HexFormat.of().parseHex("81c90007000000010000000200000003000000040000000500000006");
                byte[] rtcpSr = HexFormat.of().parseHex("80c800060000000100000002000000030000000400000005");
                byte[] udptl = HexFormat.of().parseHex("0000010400" + "00"); // seq 0, CED, no redundancy
                peer.send(new DatagramPacket(rtcpRr, rtcpRr.length, to));
                peer.send(new DatagramPacket(rtcpSr, rtcpSr.length, to));
                stranger.send(new DatagramPacket(udptl, udptl.length, to));
                peer.send(new DatagramPacket(udptl, udptl.length, to));
                assertTrue(got.latch.await(5, TimeUnit.SECONDS));
                assertEquals(List.of(IfpPacket.indicator(T30Indicator.CED)), got.packets);
                UdptlChannel.Stats s = c.stats();
                assertEquals(4, s.datagramsIn(), s.toString());
                assertEquals(2, s.nonUdptlDropped(), s.toString());
                assertEquals(1, s.foreignDropped(), s.toString());

                // and what the channel sends is UDPTL to the fixed peer
                c.send(IfpPacket.indicator(T30Indicator.CNG));
                byte[] buf = new byte[64];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                peer.setSoTimeout(5000);
                peer.receive(in);
                assertEquals("000001020000", HexFormat.of().formatHex(buf, 0, in.getLength()));
            }
        }
    }

    @Test
    void redundancyRecoversInjectedLoss() throws Exception {
        int portA;
        int portB;
        try (DatagramSocket probeA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket probeB = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            portA = probeA.getLocalPort();
            portB = probeB.getLocalPort();
        }
        int n = 300;
        Collector atB = new Collector(n);
        UdptlConfig ca = UdptlConfig.of(loopback(portA), loopback(portB))
                .withErrorCorrection(UdptlErrorCorrection.redundancy(4))
                .withLoss(LossModel.none(), LossModel.random(10, 99));
        UdptlConfig cb = UdptlConfig.of(loopback(portB), loopback(portA));
        try (UdptlChannel a = UdptlChannel.open(group, ca, (s, p) -> { });
             UdptlChannel b = UdptlChannel.open(group, cb, atB)) {
            List<IfpPacket> sent = packets(n);
            for (int i = 0; i < sent.size(); i++) {
                a.send(sent.get(i));
                if (i % 25 == 24) {
                    // paced as a modem would: a burst of 300 can overflow the socket buffer on a loaded machine,
                    // which is loss beyond what redundancy covers, not what this test is about
                    awaitAtLeast(atB, i - 24, 5);
                }
            }
            a.send(IfpPacket.indicator(T30Indicator.NO_SIGNAL), 5); // a tail that survives any 10% loss
            assertTrue(atB.latch.await(5, TimeUnit.SECONDS), "B got " + atB.packets.size());
            List<IfpPacket> got;
            synchronized (atB.packets) { // the channel thread may still be adding the tail
                got = List.copyOf(atB.packets.subList(0, n));
            }
            assertEquals(sent, got);
            assertTrue(a.stats().injectedLossOut() > 10, a.stats().toString());
            assertTrue(b.stats().udptl().recoveredByRedundancy() > 10, b.stats().toString());
            assertEquals(0, b.stats().udptl().lost(), b.stats().toString());
        }
    }
}
