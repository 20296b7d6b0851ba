package org.t37gw.fmsp.cli;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.t37gw.cli.CliCommand;
import org.t37gw.fmsp.t30.Coding;
import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t30.T30Capabilities;
import org.t37gw.fmsp.t30.T30Config;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.UdptlErrorCorrection;
import org.t37gw.fmsp.t38.transport.LossModel;
import org.t37gw.fmsp.t38.transport.UdptlChannel;
import org.t37gw.fmsp.t38.transport.UdptlConfig;
import org.t37gw.fmsp.terminal.T38Terminal;
import org.t37gw.fmsp.terminal.TiffPageSource;
import org.t37gw.fmsp.terminal.TiffPageWriter;

/**
 * {@code t37gw fax send|receive}: one T.30 session over T.38 (UDPTL on UDP) with a fixed peer, one JSON result
 * line (DESIGN, CLI contract). The {@code --modem} forms belong to the Class 1/2 drivers, not built yet.
 */
public final class FaxCommand implements CliCommand {

    @Override
    public String name() {
        return "fax";
    }

    @Override
    public String summary() {
        return "send or receive one fax over T.38 (UDPTL), result as JSON";
    }

    @Override
    public String help() {
        return """
            usage: t37gw fax send FILE.tif --t38 LOCAL_HOST:PORT REMOTE_HOST:PORT [options]
                   t37gw fax receive OUT.tif --t38 LOCAL_HOST:PORT REMOTE_HOST:PORT [options]
                     send: we call and send the pages of FILE (TIFF, coded again as negotiated);
                     receive: we answer and write the pages to OUT (TIFF-F, MH), each as it completes.
            options:
              --ecm                offer / accept error correction mode (T.30 Annex A; MMR needs it)
              --ident ID           our TSI / CSI (digits, +, space; up to 20)
              --codings LIST       codings we offer, e.g. mh,mr,mmr (default all)
              --modems LIST        v27,v29,v17 (default all)
              --time-scale N       run fax time N times faster (only against a peer doing the same; default 1)
              --timeout S          give up after S seconds of wall time (default 300)
              --redundancy N       secondary IFPs in each UDPTL packet (default 3)
              --version V          T.38 version 0..3 of the IFP encoding (default 0)
              --loss PCT --seed S  drop PCT percent of our datagrams (fault injection for tests)
                   t37gw fax send FILE --modem DEVICE --number N [--class 1|2|2.0]
                   t37gw fax receive OUT.tif --modem DEVICE
                     Class 1/2 modems: not built yet (exit 3).
            result: {"status":"ok|failed|timeout","role":..,"t30_result":0,"t30_name":"OK","t30_text":..,
                     "pages":N,"bit_rate":14400,"ecm":false,"coding":"MH","resolution":"fine","remote_ident":..}
            exit status: 0 fax transferred, 1 fax failed, 2 usage, 3 not built yet
            """;
    }

    /** Parsed arguments. */
    record Options(boolean send, Path file, InetSocketAddress local, InetSocketAddress remote, boolean ecm,
                   String ident, Set<Coding> codings, Set<Modulation.Family> modems, double timeScale,
                   double timeoutSeconds, int redundancy, int version, double loss, long seed) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(help());
            return args.isEmpty() ? USAGE : OK;
        }
        if (args.contains("--modem")) {
            err.println("t37gw fax: --modem (Class 1/2 fax modems) is not built yet; use --t38");
            return NOT_BUILT;
        }
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("t37gw fax: " + e.getMessage());
            return USAGE;
        }
        return run(o, out, err);
    }

    static Options parse(List<String> args) {
        String verb = args.get(0);
        if (!verb.equals("send") && !verb.equals("receive")) {
            throw new IllegalArgumentException("unknown subcommand '" + verb + "' (send, receive)");
        }
        if (args.size() < 2 || args.get(1).startsWith("--")) {
            throw new IllegalArgumentException(verb + " needs a file");
        }
        Path file = Path.of(args.get(1));
        InetSocketAddress local = null;
        InetSocketAddress remote = null;
        boolean ecm = false;
        String ident = "";
        Set<Coding> codings = EnumSet.allOf(Coding.class);
        Set<Modulation.Family> modems = EnumSet.of(Modulation.Family.V27TER, Modulation.Family.V29,
                Modulation.Family.V17);
        double timeScale = 1;
        double timeout = 300;
        int redundancy = 3;
        int version = 0;
        double loss = 0;
        long seed = 1;
        for (int i = 2; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--t38" -> {
                    local = hostPort(value(args, i++));
                    remote = hostPort(value(args, i++));
                }
                case "--ecm" -> ecm = true;
                case "--ident" -> ident = value(args, i++);
                case "--codings" -> codings = codings(value(args, i++));
                case "--modems" -> modems = modems(value(args, i++));
                case "--time-scale" -> timeScale = number(a, value(args, i++), 1, 1000);
                case "--timeout" -> timeout = number(a, value(args, i++), 1, 86400);
                case "--redundancy" -> redundancy = (int) number(a, value(args, i++), 0, 16);
                case "--version" -> version = (int) number(a, value(args, i++), 0, 3);
                case "--loss" -> loss = number(a, value(args, i++), 0, 100);
                case "--seed" -> seed = (long) number(a, value(args, i++), 0, Long.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (local == null) {
            throw new IllegalArgumentException("--t38 LOCAL_HOST:PORT REMOTE_HOST:PORT is required (or --modem)");
        }
        if (ident.length() > 20) {
            throw new IllegalArgumentException("--ident is longer than 20 characters");
        }
        return new Options(verb.equals("send"), file, local, remote, ecm, ident, codings, modems, timeScale, timeout,
                redundancy, version, loss, seed);
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }

    private static double number(String opt, String v, double min, double max) {
        try {
            double d = Double.parseDouble(v);
            if (d < min || d > max) {
                throw new IllegalArgumentException(opt + " " + v + " is not in " + (long) min + ".." + (long) max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " wants a number, not '" + v + "'");
        }
    }

    static InetSocketAddress hostPort(String s) {
        int c = s.lastIndexOf(':');
        if (c <= 0 || c == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not HOST:PORT");
        }
        String host = s.substring(0, c);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(c + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' has no port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + s + "'");
        }
        return new InetSocketAddress(host, port);
    }

    private static Set<Coding> codings(String list) {
        Set<Coding> s = EnumSet.noneOf(Coding.class);
        for (String c : list.split(",")) {
            s.add(switch (c.trim().toLowerCase(Locale.ROOT)) {
                case "mh" -> Coding.MH;
                case "mr" -> Coding.MR;
                case "mmr" -> Coding.MMR;
                default -> throw new IllegalArgumentException("unknown coding '" + c + "' (mh, mr, mmr)");
            });
        }
        if (!s.contains(Coding.MH)) {
            throw new IllegalArgumentException("--codings must include mh (T.4 requires it)");
        }
        return s;
    }

    private static Set<Modulation.Family> modems(String list) {
        Set<Modulation.Family> s = EnumSet.of(Modulation.Family.V27TER);
        for (String c : list.split(",")) {
            s.add(switch (c.trim().toLowerCase(Locale.ROOT)) {
                case "v27", "v27ter" -> Modulation.Family.V27TER;
                case "v29" -> Modulation.Family.V29;
                case "v17" -> Modulation.Family.V17;
                default -> throw new IllegalArgumentException("unknown modem '" + c + "' (v27, v29, v17)");
            });
        }
        return s;
    }

    /** Runs one session as {@code o} says; prints the result line; returns the exit status. */
    static int run(Options o, PrintStream out, PrintStream err) throws Exception {
        return run(o, out, err, () -> { });
    }

    /** As {@link #run(Options, PrintStream, PrintStream)}; {@code ready} runs once the UDP port is bound. */
    static int run(Options o, PrintStream out, PrintStream err, Runnable ready) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        TiffPageWriter writer = null;
        try {
            T30Engine engine;
            T30Config cfg = T30Config.builder().ident(o.ident()).logTag(o.send() ? "fax-send" : "fax-receive")
                    .capabilities(T30Capabilities.full().withEcm(o.ecm()).withCodings(o.codings())
                            .withModems(o.modems()))
                    .build();
            if (o.send()) {
                TiffPageSource pages;
                try {
                    pages = TiffPageSource.open(o.file());
                } catch (IOException | IllegalArgumentException e) {
                    err.println("t37gw fax: " + o.file() + ": " + e.getMessage());
                    return FAILED;
                }
                engine = T30Engine.callingSender(cfg, pages);
            } else {
                try {
                    writer = new TiffPageWriter(o.file());
                } catch (IOException e) {
                    err.println("t37gw fax: " + o.file() + ": " + e);
                    return FAILED;
                }
                engine = T30Engine.answeringReceiver(cfg);
            }
            EventLoop loop = group.next();
            UdptlConfig uc = UdptlConfig.of(o.local(), o.remote())
                    .withVersion(org.t37gw.fmsp.t38.T38Version.of(o.version()))
                    .withErrorCorrection(UdptlErrorCorrection.redundancy(o.redundancy()))
                    .withLoss(LossModel.none(), o.loss() > 0 ? LossModel.random(o.loss(), o.seed()) : LossModel.none());
            T38Terminal[] term = new T38Terminal[1];
            TiffPageWriter w = writer;
            try (UdptlChannel ch = UdptlChannel.open(loop, uc, new UdptlChannel.Listener() {
                @Override
                public void onIfp(int seq, IfpPacket packet) {
                    if (term[0] != null) {
                        term[0].onIfp(packet);
                    }
                }

                @Override
                public void onGap(org.t37gw.fmsp.t38.UdptlReceiver.Gap gap) {
                    if (term[0] != null) {
                        term[0].onGap();
                    }
                }
            })) {
                T38Terminal t = new T38Terminal(engine, loop, ch::send, new T38Terminal.Listener() {
                    @Override
                    public void pageReceived(T30Action.PageReceived page) throws IOException {
                        w.write(page);
                    }
                }, o.timeScale());
                term[0] = t;
                t.start();
                ready.run();
                T38Terminal.Outcome r;
                String status;
                try {
                    r = t.outcome().get((long) (o.timeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
                    status = r.result().isSuccess() ? "ok" : "failed";
                } catch (TimeoutException e) {
                    t.abort(T30Result.LOCAL_ABORT);
                    try {
                        r = t.outcome().get(Math.max(2000, (long) (10_000 / o.timeScale())), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e2) {
                        r = new T38Terminal.Outcome(T30Result.LOCAL_ABORT, null, engine.mode().orElse(null), "");
                    }
                    status = "timeout";
                }
                out.println(json(o, status, r, w == null ? -1 : w.pages()));
                out.flush();
                return status.equals("ok") ? OK : FAILED;
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    static String json(Options o, String status, T38Terminal.Outcome r, int pagesWritten) {
        PageMode m = r.mode();
        int pages = r.summary() == null ? 0 : r.summary().pages();
        List<String> f = new ArrayList<>();
        f.add("\"status\":" + str(status));
        f.add("\"role\":" + str(o.send() ? "send" : "receive"));
        f.add("\"t30_result\":" + r.result().code());
        f.add("\"t30_name\":" + str(r.result().name()));
        f.add("\"t30_text\":" + str(r.result().text()));
        f.add("\"pages\":" + pages);
        f.add("\"bit_rate\":" + (m == null ? 0 : m.modulation().bitRate()));
        f.add("\"ecm\":" + (m != null && m.ecm()));
        f.add("\"coding\":" + (m == null ? "null" : str(m.coding().name())));
        f.add("\"resolution\":" + (m == null ? "null" : str(m.resolution().name().toLowerCase(Locale.ROOT))));
        f.add("\"remote_ident\":" + str(r.remoteIdent() == null ? "" : r.remoteIdent()));
        if (pagesWritten >= 0) {
            f.add("\"pages_written\":" + pagesWritten);
        }
        return "{" + String.join(",", f) + "}";
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

}
