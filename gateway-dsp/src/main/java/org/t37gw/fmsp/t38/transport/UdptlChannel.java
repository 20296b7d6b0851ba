package org.t37gw.fmsp.t38.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.t37gw.fmsp.t38.DecodeResult;
import org.t37gw.fmsp.t38.IfpCodec;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.UdptlCodec;
import org.t37gw.fmsp.t38.UdptlPacket;
import org.t37gw.fmsp.t38.UdptlReceiver;
import org.t37gw.fmsp.t38.UdptlSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One T.38 channel over UDPTL/UDP with a fixed peer: binds a local address, sends IFP packets to the remote address
 * through a {@link UdptlSender}, and hands received IFP packets, in order and once each, to a {@link Listener} on
 * the channel's Netty event loop (through a {@link UdptlReceiver}, which fills losses from redundancy or FEC).
 *
 * <p>Datagrams that are not UDPTL (RTCP that a media relay sends to the T.38 port, garbage) and datagrams from
 * other sources (unless {@link UdptlConfig#acceptAnySource()}) are dropped quietly and counted; an IFP packet that
 * does not decode is reported to {@link Listener#onBadIfp} and counted.
 */
public final class UdptlChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdptlChannel.class);

    /** Receives what arrives; every method runs on the channel's event loop and must not block. */
    public interface Listener {
        void onIfp(int seq, IfpPacket packet);

        /** Packets lost for good (not recovered by redundancy or FEC). */
        default void onGap(UdptlReceiver.Gap gap) {
        }

        default void onBadIfp(int seq, String reason) {
        }
    }

    /** Counters since the channel opened. */
    public record Stats(long datagramsIn, long datagramsOut, long nonUdptlDropped, long foreignDropped,
                        long injectedLossIn, long injectedLossOut, long badIfp, UdptlReceiver.Stats udptl) {
    }

    private final UdptlConfig config;
    private final Listener listener;
    private final Channel channel;
    private final IfpCodec ifpCodec;
    private final UdptlCodec udptlCodec;
    private final UdptlSender sender;
    private final UdptlReceiver receiver;
    private final AtomicLong datagramsIn = new AtomicLong();
    private final AtomicLong datagramsOut = new AtomicLong();
    private final AtomicLong nonUdptl = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong lossIn = new AtomicLong();
    private final AtomicLong lossOut = new AtomicLong();
    private final AtomicLong badIfp = new AtomicLong();
    private volatile UdptlReceiver.Stats udptlStats;

    private UdptlChannel(UdptlConfig config, Listener listener, EventLoopGroup group) throws InterruptedException {
        this.config = config;
        this.listener = listener;
        this.ifpCodec = new IfpCodec(config.version(), config.ifpLimits());
        this.udptlCodec = new UdptlCodec(config.udptlLimits());
        this.sender = new UdptlSender(config.errorCorrection(), 0);
        this.receiver = new UdptlReceiver(udptlCodec, config.reorderWindow(), 512, ifpCodec::measure);
        this.udptlStats = receiver.stats();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(config.udptlLimits().maxDatagram() + 1))
                .handler(new Inbound());
        ChannelFuture f = b.bind(config.local());
        if (!f.await(5, TimeUnit.SECONDS)) {
            f.cancel(false);
            throw new IllegalStateException("binding " + config.local() + " timed out");
        }
        if (!f.isSuccess()) {
            throw new IllegalStateException("cannot bind " + config.local() + ": " + f.cause(), f.cause());
        }
        this.channel = f.channel();
        LOG.debug("UDPTL channel {} -> {} open ({}, {})", localAddress(), config.remote(), config.version(),
                config.errorCorrection());
    }

    /** Binds {@code config.local()} on one of {@code group}'s event loops (waiting at most 5 s). */
    public static UdptlChannel open(EventLoopGroup group, UdptlConfig config, Listener listener)
            throws InterruptedException {
        return new UdptlChannel(config, listener, group);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public UdptlConfig config() {
        return config;
    }

    /** Sends {@code packet} once. Safe from any thread. */
    public void send(IfpPacket packet) {
        send(packet, 1);
    }

    /**
     * Sends {@code packet} in one UDPTL datagram, {@code copies} times with the same sequence number (T.38 suggests
     * repeating indicators and the ends of signals). Safe from any thread; runs on the event loop.
     */
    public void send(IfpPacket packet, int copies) {
        byte[] ifp = ifpCodec.encode(packet);
        channel.eventLoop().execute(() -> sendOnLoop(ifp, Math.max(1, copies)));
    }

    private void sendOnLoop(byte[] ifp, int copies) {
        UdptlPacket p = sender.next(ifp);
        byte[] datagram = udptlCodec.encode(p);
        if (LOG.isTraceEnabled()) {
            LOG.trace("Tx: #{} {}", p.seq(), ifpCodec.decode(ifp));
        }
        for (int i = 0; i < copies; i++) {
            if (config.outboundLoss().drop()) {
                lossOut.incrementAndGet();
                continue;
            }
            channel.write(new DatagramPacket(Unpooled.wrappedBuffer(datagram), config.remote()));
            datagramsOut.incrementAndGet();
        }
        channel.flush();
    }

    public Stats stats() {
        return new Stats(datagramsIn.get(), datagramsOut.get(), nonUdptl.get(), foreign.get(), lossIn.get(),
                lossOut.get(), badIfp.get(), udptlStats);
    }

    /** Closes the socket, waiting at most 5 s. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            datagramsIn.incrementAndGet();
            if (!config.acceptAnySource() && !msg.sender().equals(config.remote())) {
                foreign.incrementAndGet();
                LOG.debug("dropped a datagram from {} (not the peer {})", msg.sender(), config.remote());
                return;
            }
            if (config.inboundLoss().drop()) {
                lossIn.incrementAndGet();
                return;
            }
            ByteBuf content = msg.content();
            byte[] bytes = ByteBufUtil.getBytes(content);
            UdptlReceiver.Report report = receiver.receive(bytes);
            if (report.disposition() == UdptlReceiver.Disposition.MALFORMED) {
                nonUdptl.incrementAndGet();
                LOG.debug("dropped a non-UDPTL datagram of {} octets from {}: {}", bytes.length, msg.sender(),
                        report.reason());
            }
            for (UdptlReceiver.Gap gap : report.gaps()) {
                LOG.debug("UDPTL gap: {} packet(s) from #{} lost", gap.count(), gap.firstSeq());
                guarded(() -> listener.onGap(gap));
            }
            for (UdptlReceiver.Delivered d : report.delivered()) {
                DecodeResult<IfpPacket> r = ifpCodec.decode(d.ifp());
                if (r instanceof DecodeResult.Ok<IfpPacket> ok) {
                    if (LOG.isTraceEnabled()) {
                        LOG.trace("Rx: #{} {} ({})", d.seq(), ok.value(), d.source());
                    }
                    guarded(() -> listener.onIfp(d.seq(), ok.value()));
                } else {
                    badIfp.incrementAndGet();
                    LOG.debug("Rx: #{} bad IFP: {}", d.seq(), r);
                    guarded(() -> listener.onBadIfp(d.seq(), r.toString()));
                }
            }
            udptlStats = receiver.stats();
        }

        private void guarded(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warn("UDPTL channel {}: listener failed", config.local(), e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port-unreachable from a peer that is not up yet; the channel stays open
            LOG.warn("UDPTL channel {}: {}", config.local(), cause.toString());
        }
    }
}
