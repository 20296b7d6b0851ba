package org.t37gw.smtp;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.config.GatewayConfig;
import org.t37gw.daemon.ComponentProvider;
import org.t37gw.daemon.Container;
import org.t37gw.daemon.DaemonContext;
import org.t37gw.daemon.LifeCycle;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.smtp.client.DeliverySettings;
import org.t37gw.smtp.client.MailDeliveryService;
import org.t37gw.smtp.server.Envelope;
import org.t37gw.smtp.server.MessageSink;
import org.t37gw.smtp.server.SinkDecision;
import org.t37gw.smtp.server.SmtpListener;
import org.t37gw.smtp.server.SmtpReply;
import org.t37gw.smtp.server.SpoolMessageSink;
import org.t37gw.spool.SpoolOptions;

/**
 * gateway-smtp's part of the daemon: mail delivery from the spool (always: onramp mail, DSNs) and, when
 * the config has an off-ramp dial-peer, the SMTP listener of {@code mta receive}.
 *
 * <p>While no {@code fax_on_vfc_offramp_app} is installed, the listener answers {@code MAIL FROM} with
 * {@code 451 4.3.2}: the sender's MTA keeps the mail and retries, rather than the gateway accepting a
 * fax it cannot send.
 */
public final class SmtpComponents implements ComponentProvider {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpComponents.class);

    /** The off-ramp application's name in {@code application} lines. */
    public static final String OFFRAMP_APP = "fax_on_vfc_offramp_app";

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void contribute(DaemonContext ctx, Container container) throws Exception {
        GatewayConfig cfg = ctx.currentConfig().config();
        DeliverySettings ds = DeliverySettings.from(cfg, ctx.stateDir());
        MailDeliveryService delivery = new MailDeliveryService(ctx.spool(), ds, ctx.clock());
        container.add(delivery);
        ctx.provide(MailDeliveryService.class, delivery);
        // SIGHUP: mail from now on goes by the new mta send settings (the SMTP listener keeps its own until
        // a restart)
        ctx.onReload(rc -> delivery.reconfigure(DeliverySettings.from(rc.config(), ctx.stateDir())));
        ctx.listening("mail out " + (ds.maildirForAll() ? "maildir " + ds.maildir()
                : cfg.mtaSend().servers().isEmpty() ? "local domains to maildir " + ds.maildir()
                : "smtp " + String.join(" ", cfg.mtaSend().servers().stream().map(x -> x.host() + ":" + x.port())
                        .toList())));

        if (!hasOfframpPeer(cfg)) {
            LOG.info("no {} dial-peer: the SMTP listener stays off", OFFRAMP_APP);
            return;
        }
        boolean appInstalled = ctx.applications().find(OFFRAMP_APP).isPresent();
        MessageSink spoolSink = new SpoolMessageSink(ctx.spool(), SpoolOptions.defaults());
        MessageSink sink = appInstalled ? spoolSink : new MessageSink() {
            private final SmtpReply notBuilt = new SmtpReply(451, "4.3.2",
                    "off-ramp application not available in this build of the gateway, try again later");

            @Override
            public SinkDecision accept(Envelope envelope, Path messageFile) {
                return new SinkDecision.Rejected(notBuilt);
            }

            @Override
            public Optional<SmtpReply> refuseNow() {
                return Optional.of(notBuilt);
            }
        };
        SmtpListener.Settings settings = SmtpListener.Settings.from(cfg, () -> ctx.currentConfig().dialPeers(),
                ctx.stateDir().resolve("incoming"));
        SmtpListener listener = new SmtpListener(settings, sink);
        container.add(new LifeCycle() {
            @Override
            public String name() {
                return listener.name();
            }

            @Override
            public void start() throws Exception {
                java.nio.file.Files.createDirectories(ctx.stateDir().resolve("incoming"));
                listener.start();
                ctx.listening("smtp " + settings.bindAddress().getHostAddress() + ":" + listener.port()
                        + (appInstalled ? "" : " (refusing mail: off-ramp application not built yet)"));
            }

            @Override
            public void stop() throws Exception {
                listener.stop();
            }

            @Override
            public String describe() {
                return listener.describe();
            }
        });
    }

    static boolean hasOfframpPeer(GatewayConfig cfg) {
        for (DialPeer p : cfg.dialPeers()) {
            if (!p.shutdown() && OFFRAMP_APP.equals(p.application())) {
                return true;
            }
        }
        return false;
    }
}
