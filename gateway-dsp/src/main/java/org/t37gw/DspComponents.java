package org.t37gw;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.CallInfo;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.PortDriver;
import org.t37gw.config.VoicePort;
import org.t37gw.daemon.ComponentProvider;
import org.t37gw.daemon.Container;
import org.t37gw.daemon.DaemonContext;
import org.t37gw.daemon.LifeCycle;
import org.t37gw.dmsp.service.DmspService;
import org.t37gw.fmsp.session.PortFmsp;
import org.t37gw.vtsp.FaxLineDriver;
import org.t37gw.vtsp.LoopbackPortDriver;
import org.t37gw.vtsp.PortVtsp;
import org.t37gw.vtsp.T38PortDriver;

/**
 * What gateway-dsp adds to the daemon: the voice-port drivers of the config in force, one {@link Vtsp} over them
 * ({@link PortVtsp}), the {@link Fmsp} running fax sessions on their calls ({@link PortFmsp}) and the {@link Dmsp}
 * ({@link DmspService}).
 *
 * <p>Per {@code voice-port}: {@code t38} → {@link T38PortDriver}; {@code loopback} → one {@link LoopbackPortDriver}
 * per pair of ports naming each other; {@code class1}, {@code class2}, {@code class2.0}, {@code jni} → not built
 * ({@code ctx.notBuilt("voice-port N: driver class1 (not built yet)")}), as is a loopback port whose peer does not
 * name it back. The drivers run on one Netty event loop group owned by the component {@code voice-ports}: started
 * with call control's router as listener; stopped by aborting fax sessions, hanging up calls, closing channels and
 * shutting the group down (at most a few seconds).
 */
public final class DspComponents implements ComponentProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DspComponents.class);

    private final double loopbackTimeScale;

    /** For {@link java.util.ServiceLoader}: loopback lines in the time scale of {@link LoopbackPortDriver#systemTimeScale()}. */
    public DspComponents() {
        this(LoopbackPortDriver.systemTimeScale());
    }

    /** With loopback fax sessions running {@code loopbackTimeScale} times real time (tests). */
    public DspComponents(double loopbackTimeScale) {
        if (loopbackTimeScale <= 0) {
            throw new IllegalArgumentException("time scale must be positive: " + loopbackTimeScale);
        }
        this.loopbackTimeScale = loopbackTimeScale;
    }

    @Override
    public String name() {
        return "dsp";
    }

    @Override
    public void contribute(DaemonContext ctx, Container container) {
        ctx.provide(Dmsp.class, new DmspService());
        GatewayConfig cfg = ctx.currentConfig().config();
        List<VoicePort> t38 = new ArrayList<>();
        List<VoicePort[]> loopbacks = new ArrayList<>();
        Set<String> paired = new HashSet<>();
        for (VoicePort vp : cfg.voicePorts()) {
            PortDriver d = vp.driver();
            if (d instanceof PortDriver.T38) {
                t38.add(vp);
            } else if (d instanceof PortDriver.Loopback l) {
                if (paired.contains(vp.name())) {
                    continue;
                }
                Optional<VoicePort> peer = cfg.voicePort(l.peerPort());
                if (peer.isPresent() && !peer.get().name().equals(vp.name())
                        && peer.get().driver() instanceof PortDriver.Loopback back
                        && back.peerPort().equals(vp.name())) {
                    loopbacks.add(new VoicePort[] {vp, peer.get()});
                    paired.add(vp.name());
                    paired.add(peer.get().name());
                } else {
                    ctx.notBuilt("voice-port " + vp.name() + ": driver loopback " + l.peerPort()
                            + " (voice-port " + l.peerPort() + " is not a loopback port naming it back)");
                }
            } else {
                ctx.notBuilt("voice-port " + vp.name() + ": driver " + d.kind() + " (not built yet)");
            }
        }
        if (t38.isEmpty() && loopbacks.isEmpty()) {
            LOG.debug("no voice-port this module drives");
            return;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.min(2, t38.size() + loopbacks.size()),
                NioIoHandler.newFactory());
        List<FaxLineDriver> drivers = new ArrayList<>();
        List<T38PortDriver> t38Drivers = new ArrayList<>();
        try {
            for (VoicePort vp : t38) {
                T38PortDriver d = T38PortDriver.create(vp, group);
                drivers.add(d);
                t38Drivers.add(d);
            }
            for (VoicePort[] pair : loopbacks) {
                drivers.add(LoopbackPortDriver.create(pair[0], pair[1], group, loopbackTimeScale));
            }
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        PortVtsp vtsp = new PortVtsp(drivers,
                id -> ctx.calls() == null ? Optional.empty() : ctx.calls().call(id).map(CallInfo::leg).map(l -> l.port()));
        PortFmsp fmsp = new PortFmsp(vtsp);
        ctx.provide(Vtsp.class, vtsp);
        ctx.provide(Fmsp.class, fmsp);
        container.add(new VoicePorts(ctx, group, vtsp, fmsp, t38Drivers));
    }

    /** The drivers' life cycle and the event loops they run on. */
    private static final class VoicePorts implements LifeCycle {
        private final DaemonContext ctx;
        private final EventLoopGroup group;
        private final PortVtsp vtsp;
        private final PortFmsp fmsp;
        private final List<T38PortDriver> t38;
        private volatile boolean running;

        VoicePorts(DaemonContext ctx, EventLoopGroup group, PortVtsp vtsp, PortFmsp fmsp, List<T38PortDriver> t38) {
            this.ctx = ctx;
            this.group = group;
            this.vtsp = vtsp;
            this.fmsp = fmsp;
            this.t38 = t38;
        }

        @Override
        public String name() {
            return "voice-ports";
        }

        @Override
        public void start() {
            try {
                vtsp.start(ctx.callRouter());
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
            running = true;
            for (T38PortDriver d : t38) {
                ctx.listening("t38 voice-port " + d.ports().iterator().next() + " " + hostPort(d));
            }
            LOG.info("voice-ports {} up ({})", vtsp.ports(), vtsp.name());
        }

        private static String hostPort(T38PortDriver d) {
            var a = d.localAddress();
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }

        @Override
        public void stop() {
            running = false;
            fmsp.abortAll("the gateway is stopping");
            vtsp.stop();
            if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                LOG.warn("voice-port event loops did not stop in 5 s");
            }
        }

        @Override
        public String describe() {
            return "voice-ports " + vtsp.ports() + " (" + vtsp.name() + ")" + (running ? "" : ", down")
                    + ", " + fmsp.activeSessions() + " fax sessions";
        }
    }
}
