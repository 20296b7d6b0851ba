package org.t37gw.fmsp.t38.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.t37gw.fmsp.t38.DecodeResult;
import org.t37gw.fmsp.t38.IfpCodec;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.UdptlCodec;
import org.t37gw.fmsp.t38.UdptlPacket;
import org.t37gw.fmsp.t38.UdptlReceiver;
import org.t37gw.fmsp.t38.UdptlLimits;
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

    /**
     * SO_RCVBUF asked for on every UDPTL socket (default 2 MiB; system property {@code t37gw.udptl.rcvbuf}). The
     * Linux default of 208 KB holds ~3 s of one session's datagrams, but with many sessions on a loop a stall of the
     * loop (CPU starvation, GC) overflowed it; a larger buffer turns such a stall into delay instead of loss. The
     * kernel clamps the request to {@code net.core.rmem_max} (and doubles it for its own bookkeeping); memory is
     * only charged for datagrams actually queued.
     */
    static final int RCVBUF = Integer.getInteger("t37gw.udptl.rcvbuf", 2 << 20);
    /** SO_SNDBUF asked for (default 1 MiB; {@code t37gw.udptl.sndbuf}), clamped to {@code net.core.wmem_max}. */
    static final int SNDBUF = Integer.getInteger("t37gw.udptl.sndbuf", 1 << 20);

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
    /**
     * Received datagrams are copied into one array per event-loop thread for the decoder, which copies the IFPs out
     * of it before {@code receive} returns (so every channel on the loop can share it; 8 KB each would add up).
     */
    private static final FastThreadLocal<byte[]> RX_SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[UdptlLimits.DEFAULT.maxDatagram() + 1];
        }
    };

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
                .option(ChannelOption.SO_RCVBUF, RCVBUF)
                .option(ChannelOption.SO_SNDBUF, SNDBUF)
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
        if (LOG.isDebugEnabled()) {
            LOG.debug("UDPTL channel {} -> {} open ({}, {}, SO_RCVBUF {}, SO_SNDBUF {})", localAddress(),
                    config.remote(), config.version(), config.errorCorrection(),
                    channel.config().getOption(ChannelOption.SO_RCVBUF),
                    channel.config().getOption(ChannelOption.SO_SNDBUF));
        }
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
     * repeating indicators and the ends of signals). Safe from any thread: called on the channel's event loop (as
     * a {@code T38Terminal} on the same loop does) it sends at once, otherwise it hops onto the loop. Datagrams keep
     * the order of the calls as long as one caller stays on one side of that line.
     */
    public void send(IfpPacket packet, int copies) {
        byte[] ifp = ifpCodec.encode(packet);
        int n = Math.max(1, copies);
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            sendOnLoop(ifp, n);
        } else {
            loop.execute(() -> sendOnLoop(ifp, n));
        }
    }

    private void sendOnLoop(byte[] ifp, int copies) {
        UdptlPacket p = sender.next(ifp);
        byte[] datagram = udptlCodec.encode(p);
        if (LOG.isTraceEnabled()) {
            LOG.trace("Tx: #{} {}", p.seq(), ifpCodec.decode(ifp));
        }
        // one pooled direct buffer (NIO would otherwise copy a heap buffer into a direct one for every write);
        // repeated copies share it
        ByteBuf buf = null;
        try {
            for (int i = 0; i < copies; i++) {
                if (config.outboundLoss().drop()) {
                    lossOut.incrementAndGet();
                    continue;
                }
                if (buf == null) {
                    buf = channel.alloc().directBuffer(datagram.length, datagram.length).writeBytes(datagram);
                }
                channel.write(new DatagramPacket(buf.retainedDuplicate(), config.remote()));
                datagramsOut.incrementAndGet();
            }
        } finally {
            if (buf != null) {
                buf.release();
                channel.flush();
            }
        }
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
            int len = content.readableBytes();
            UdptlReceiver.Report report;
            byte[] scratch = RX_SCRATCH.get();
            if (len <= scratch.length) {
                content.getBytes(content.readerIndex(), scratch, 0, len);
                report = receiver.receive(scratch, 0, len);
            } else {
                report = receiver.receive(ByteBufUtil.getBytes(content)); // limits above the default
            }
            if (report.disposition() == UdptlReceiver.Disposition.MALFORMED) {
                nonUdptl.incrementAndGet();
                LOG.debug("dropped a non-UDPTL datagram of {} octets from {}: {}", len, msg.sender(),
                        report.reason());
            }
            for (UdptlReceiver.Gap gap : report.gaps()) {
                LOG.debug("UDPTL gap: {} packet(s) from #{} lost", gap.count(), gap.firstSeq());
                try {
                    listener.onGap(gap);
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            }
            for (UdptlReceiver.Delivered d : report.delivered()) {
                DecodeResult<IfpPacket> r = ifpCodec.decode(d.ifp());
                try {
                    if (r instanceof DecodeResult.Ok<IfpPacket> ok) {
                        if (LOG.isTraceEnabled()) {
                            LOG.trace("Rx: #{} {} ({})", d.seq(), ok.value(), d.source());
                        }
                        listener.onIfp(d.seq(), ok.value());
                    } else {
                        badIfp.incrementAndGet();
                        LOG.debug("Rx: #{} bad IFP: {}", d.seq(), r);
                        listener.onBadIfp(d.seq(), r.toString());
                    }
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            }
            udptlStats = receiver.stats();
        }

        private void listenerFailed(RuntimeException e) {
            LOG.warn("UDPTL channel {}: listener failed", config.local(), e);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port-unreachable from a peer that is not up yet; the channel stays open
            LOG.warn("UDPTL channel {}: {}", config.local(), cause.toString());
        }
    }
}
