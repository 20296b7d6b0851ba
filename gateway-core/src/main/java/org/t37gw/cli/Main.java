package org.t37gw.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.t37gw.config.ConfigError;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.daemon.Daemon;
import org.t37gw.util.Version;

/**
 * {@code t37gw}: the command line of the CLI contract (docs/cli.md). Built-in commands are
 * {@code run}, {@code check-config} and {@code show}; {@code doc} and {@code fax} come from the
 * modules that implement them ({@link CliCommand} providers) and answer "not built yet" (exit 3)
 * while no module provides them.
 */
public final class Main {

    /** Contract commands that modules above the core provide, with their usage for help. */
    private static final Map<String, String> MODULE_COMMANDS = new LinkedHashMap<>();

    static {
        MODULE_COMMANDS.put("doc", "doc info FILE [--json] | doc convert IN OUT [--encoding mh|mr|mmr] [--resolution standard|fine|superfine] [--paper a4|letter]");
        MODULE_COMMANDS.put("fax", "fax send FILE --t38 LOCAL REMOTE [--ecm] [--ident ID] | fax receive OUT.tif --t38 LOCAL REMOTE | ... --modem DEVICE");
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, CliCommand> providers = new LinkedHashMap<>();

    public Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        for (CliCommand c : ServiceLoader.load(CliCommand.class)) {
            providers.putIfAbsent(c.name(), c);
        }
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = new Main(System.out, System.err).run(Arrays.asList(args));
        } catch (Exception e) {
            System.err.println("t37gw: " + e.getMessage());
            rc = CliCommand.FAILED;
        }
        System.out.flush();
        if (rc != Integer.MIN_VALUE) {
            System.exit(rc);
        }
    }

    /**
     * Runs one command line.
     *
     * @return the exit status, or {@link Integer#MIN_VALUE} when the daemon was started and the JVM
     *         must keep running (the caller must not exit)
     */
    public int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            err.print(usage());
            return CliCommand.USAGE;
        }
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (cmd) {
            case "-h", "--help", "help" -> {
                if (cmd.equals("help") && !rest.isEmpty()) {
                    return run(List.of(rest.get(0), "--help"));
                }
                out.print(usage());
                return CliCommand.OK;
            }
            case "-V", "--version", "version" -> {
                out.println("t37gw " + Version.get());
                return CliCommand.OK;
            }
            case "run" -> {
                return runDaemon(rest);
            }
            case "check-config" -> {
                return checkConfig(rest);
            }
            case "show" -> {
                return show(rest);
            }
            default -> {
                CliCommand p = providers.get(cmd);
                if (p != null) {
                    if (rest.size() == 1 && (rest.get(0).equals("--help") || rest.get(0).equals("-h"))) {
                        out.print(p.help());
                        return CliCommand.OK;
                    }
                    return p.run(rest, out, err);
                }
                if (MODULE_COMMANDS.containsKey(cmd)) {
                    if (rest.contains("--help") || rest.contains("-h")) {
                        out.println("usage: t37gw " + MODULE_COMMANDS.get(cmd));
                        out.println("not built yet: no module on the class path provides `" + cmd + "` in this version");
                        return CliCommand.OK;
                    }
                    err.println("t37gw " + cmd + ": not built yet (no module on the class path provides it in version "
                            + Version.get() + ")");
                    return CliCommand.NOT_BUILT;
                }
                err.println("t37gw: unknown command '" + cmd + "'" + suggest(cmd) + "; see t37gw --help");
                return CliCommand.USAGE;
            }
        }
    }

    private String suggest(String cmd) {
        List<String> all = new ArrayList<>(List.of("run", "check-config", "show", "help", "version"));
        all.addAll(MODULE_COMMANDS.keySet());
        all.addAll(providers.keySet());
        String best = null;
        int bestD = 3;
        for (String c : all) {
            int d = editDistance(cmd, c);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("t37gw ").append(Version.get()).append(" - T.37 store-and-forward fax gateway\n\n");
        sb.append("usage: t37gw COMMAND [ARGS...]     (t37gw COMMAND --help for each)\n\n");
        sb.append("commands:\n");
        sb.append("  run [--config FILE] [--state DIR] [--admin HOST:PORT]\n");
        sb.append("        the daemon; without --config, the embedded default (SMTP 127.0.0.1:2525,\n");
        sb.append("        admin 127.0.0.1:8025, a loopback fax line, mail into DIR/mail; DIR = ./var)\n");
        sb.append("  check-config FILE\n");
        sb.append("        exit 0 if FILE is valid, else each problem as FILE:LINE: message and exit 1\n");
        sb.append("  show calls|queue|dial-peers|stats [--json] [--admin HOST:PORT]\n");
        sb.append("        ask a running daemon through its admin endpoint\n");
        for (Map.Entry<String, String> e : MODULE_COMMANDS.entrySet()) {
            CliCommand p = providers.get(e.getKey());
            sb.append("  ").append(e.getValue()).append('\n');
            sb.append("        ").append(p != null ? p.summary() : "not built yet (answers exit 3)").append('\n');
        }
        for (CliCommand p : providers.values()) {
            if (!MODULE_COMMANDS.containsKey(p.name())) {
                sb.append("  ").append(p.name()).append("\n        ").append(p.summary()).append('\n');
            }
        }
        sb.append("  --version | --help\n\n");
        sb.append("exit status: 0 ok, 1 failed, 2 usage error, 3 not built yet\n");
        return sb.toString();
    }

    private int checkConfig(List<String> args) {
        if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.println("usage: t37gw check-config FILE");
            out.println("Checks FILE (syntax, types, cross references). Exit 0 and 'FILE: OK' when valid;");
            out.println("otherwise every problem as FILE:LINE: message on standard error and exit 1.");
            out.println("Warnings (e.g. an unused voice-port) are printed but do not fail the check.");
            return CliCommand.OK;
        }
        if (args.size() != 1) {
            err.println("usage: t37gw check-config FILE");
            return CliCommand.USAGE;
        }
        Path file = Path.of(args.get(0));
        if (!Files.isReadable(file)) {
            err.println(file + ": cannot read the file");
            return CliCommand.FAILED;
        }
        ConfigResult r = ConfigLoader.load(file);
        for (ConfigError w : r.warnings()) {
            err.println(w + " (warning)");
        }
        for (ConfigError e : r.errors()) {
            err.println(e);
        }
        if (!r.ok()) {
            err.println(file + ": " + r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s"));
            return CliCommand.FAILED;
        }
        out.println(file + ": OK (" + r.config().dialPeers().size() + " dial-peers, "
                + r.config().voicePorts().size() + " voice-ports)");
        return CliCommand.OK;
    }

    private int runDaemon(List<String> args) throws Exception {
        Path config = null;
        Path state = Path.of("var");
        String admin = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    out.println("usage: t37gw run [--config FILE] [--state DIR] [--admin HOST:PORT]");
                    out.println("Runs the gateway until SIGTERM/SIGINT; SIGHUP reloads the config (a config that fails");
                    out.println("the check is refused and the running one kept). Without --config the embedded default");
                    out.println("runs: offramp SMTP on 127.0.0.1:2525 for FAX=number@localhost, the admin endpoint on");
                    out.println("127.0.0.1:8025, a loopback fax line answered by the gateway's own onramp, and mail");
                    out.println("delivered into the Maildir DIR/mail. DIR (--state, default ./var) holds spool/, mail/");
                    out.println("and the CDR file cdr.jsonl.");
                    return CliCommand.OK;
                }
                case "--config", "-c" -> config = Path.of(value(args, ++i, a));
                case "--state", "-s" -> state = Path.of(value(args, ++i, a));
                case "--admin" -> admin = value(args, ++i, a);
                default -> {
                    err.println("t37gw run: unknown option " + a + "; see t37gw run --help");
                    return CliCommand.USAGE;
                }
            }
        }
        Daemon.Options opts = new Daemon.Options(config, state, admin);
        Daemon d = new Daemon(opts, java.time.Clock.systemUTC());
        try {
            d.start();
        } catch (Daemon.StartException e) {
            err.println("t37gw run: " + e.getMessage());
            return CliCommand.FAILED;
        }
        d.installSignalHandlers();
        d.awaitStopped();
        return CliCommand.OK;
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args.get(i);
    }

    private int show(List<String> args) throws Exception {
        String what = null;
        boolean json = false;
        String admin = "127.0.0.1:" + Daemon.DEFAULT_ADMIN_PORT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    out.println("usage: t37gw show calls|queue|dial-peers|stats [--json] [--admin HOST:PORT]");
                    out.println("Reads a running daemon's admin endpoint (default 127.0.0.1:" + Daemon.DEFAULT_ADMIN_PORT + ").");
                    out.println("  calls       active calls and the recent call history");
                    out.println("  queue       spool jobs by state, and the jobs not yet done");
                    out.println("  dial-peers  the dial-peers in use, with matching and active connections");
                    out.println("  stats       counters since start");
                    return CliCommand.OK;
                }
                case "--json" -> json = true;
                case "--admin" -> admin = value(args, ++i, a);
                default -> {
                    if (what != null || a.startsWith("-")) {
                        err.println("t37gw show: unexpected '" + a + "'; see t37gw show --help");
                        return CliCommand.USAGE;
                    }
                    what = a;
                }
            }
        }
        List<String> kinds = List.of("calls", "queue", "dial-peers", "stats");
        if (what == null || !kinds.contains(what)) {
            err.println("t37gw show: say one of " + String.join(", ", kinds)
                    + (what == null ? "" : suggestFrom(what, kinds)));
            return CliCommand.USAGE;
        }
        URI uri = URI.create("http://" + admin + (json ? "/status/" : "/show/") + what);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> resp;
        try {
            resp = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("t37gw show: no daemon answers on " + admin + " (is `t37gw run` up? --admin HOST:PORT)");
            return CliCommand.FAILED;
        }
        if (resp.statusCode() != 200) {
            err.println("t37gw show: " + uri + " answered " + resp.statusCode() + ": " + resp.body().strip());
            return CliCommand.FAILED;
        }
        out.print(resp.body());
        if (!resp.body().endsWith("\n")) {
            out.println();
        }
        return CliCommand.OK;
    }

    private static String suggestFrom(String word, List<String> choices) {
        for (String c : choices) {
            if (editDistance(word, c) <= 2) {
                return " (did you mean '" + c + "'?)";
            }
        }
        return "";
    }
}
