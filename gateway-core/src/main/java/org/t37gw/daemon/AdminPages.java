package org.t37gw.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.t37gw.ccapi.CallCounters;
import org.t37gw.ccapi.CallInfo;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobState;
import org.t37gw.spool.SpoolStats;
import org.t37gw.util.Json;
import org.t37gw.util.Version;

/**
 * The admin endpoint's pages: {@code /status} (JSON), {@code /status/{calls,queue,dial-peers,stats}},
 * the {@code /show/...} text tables that {@code t37gw show} prints, and {@code /metrics} (Prometheus).
 */
final class AdminPages {
    private final Daemon daemon;

    private AdminPages(Daemon daemon) {
        this.daemon = daemon;
    }

    static AdminServer server(Daemon daemon, String host, int port) {
        AdminPages p = new AdminPages(daemon);
        AdminServer s = new AdminServer(host, port);
        s.route("/", () -> AdminServer.Response.text(
                "t37gw admin endpoint: /status /status/calls /status/queue /status/dial-peers /status/stats"
                        + " /show/calls /show/queue /show/dial-peers /show/stats /metrics\n"));
        s.route("/status", () -> AdminServer.Response.json(Json.write(p.status())));
        s.route("/status/calls", () -> AdminServer.Response.json(Json.write(p.calls())));
        s.route("/status/queue", () -> AdminServer.Response.json(Json.write(p.queue())));
        s.route("/status/dial-peers", () -> AdminServer.Response.json(Json.write(p.dialPeers())));
        s.route("/status/stats", () -> AdminServer.Response.json(Json.write(p.stats())));
        s.route("/show/calls", () -> AdminServer.Response.text(p.showCalls()));
        s.route("/show/queue", () -> AdminServer.Response.text(p.showQueue()));
        s.route("/show/dial-peers", () -> AdminServer.Response.text(p.showDialPeers()));
        s.route("/show/stats", () -> AdminServer.Response.text(p.showStats()));
        s.route("/metrics", () -> AdminServer.Response.prometheus(p.metrics()));
        return s;
    }

    private GatewayServices svc() {
        return daemon.services();
    }

    private Instant now() {
        return svc().calls() != null ? svc().calls().clock().instant() : Instant.now();
    }

    Map<String, Object> status() {
        RunningConfig rc = daemon.currentConfig();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Version.get());
        m.put("hostname", rc.config().hostname());
        m.put("started", daemon.startedAt());
        m.put("uptimeSeconds", Duration.between(daemon.startedAt(), now()).toSeconds());
        m.put("stopping", daemon.isStopping());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("source", rc.source());
        c.put("generation", rc.generation());
        c.put("loaded", rc.loaded());
        c.put("reloadFailures", daemon.reloadFailures());
        m.put("config", c);
        m.put("components", daemon.describe());
        m.put("notBuilt", daemon.notBuilt());
        m.put("stats", stats());
        m.put("queue", queueCounts(svc().spool().stats()));
        return m;
    }

    Map<String, Object> calls() {
        Instant now = now();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", svc().calls().activeCalls().stream().map(ci -> call(ci, now)).toList());
        m.put("history", svc().calls().history().stream().map(ci -> call(ci, now)).toList());
        return m;
    }

    static Map<String, Object> call(CallInfo ci, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", ci.id().toString());
        m.put("direction", ci.leg().direction());
        m.put("type", ci.leg().type());
        m.put("calling", ci.leg().calling());
        m.put("called", ci.leg().called());
        m.put("dialPeer", ci.leg().dialPeerTag());
        m.put("port", ci.leg().port());
        m.put("application", ci.leg().application());
        m.put("state", ci.state());
        m.put("start", ci.start());
        m.put("end", ci.end());
        m.put("durationSeconds", ci.duration(now).toMillis() / 1000.0);
        m.put("pagesSent", ci.pagesSent());
        m.put("pagesReceived", ci.pagesReceived());
        if (ci.faxMode() != null) {
            m.put("bitRate", ci.faxMode().bitRate());
            m.put("ecm", ci.faxMode().ecm());
            m.put("resolution", ci.faxMode().resolution());
            m.put("coding", ci.faxMode().coding());
        }
        m.put("cause", ci.cause() == null ? null : ci.cause().toString());
        m.put("result", ci.result());
        m.put("diagnostic", ci.diagnostic());
        return m;
    }

    static Map<String, Object> queueCounts(SpoolStats st) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JobState s : JobState.values()) {
            m.put(s.name().toLowerCase(), st.count(s));
        }
        m.put("quarantined", st.quarantined());
        return m;
    }

    Map<String, Object> queue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", queueCounts(svc().spool().stats()));
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Job j : svc().spool().list()) {
            if (j.state() == JobState.DONE || j.state() == JobState.FAILED) {
                continue;
            }
            Map<String, Object> jm = new LinkedHashMap<>();
            jm.put("id", j.id().toString());
            jm.put("kind", j.kind());
            jm.put("state", j.state());
            jm.put("attempts", j.attempts());
            jm.put("created", j.created());
            jm.put("nextAttempt", j.nextAttempt().orElse(null));
            jm.put("reason", j.reason().orElse(null));
            jobs.add(jm);
        }
        m.put("jobs", jobs);
        return m;
    }

    List<Map<String, Object>> dialPeers() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DialPeer p : daemon.currentConfig().config().dialPeers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", p.tag());
            m.put("kind", p.kind());
            m.put("application", p.application());
            m.put("outbound", p.applicationOutbound());
            m.put("destinationPattern", p.destinationPattern() == null ? null : p.destinationPattern().text());
            m.put("incomingCalledNumber", p.incomingCalledNumber() == null ? null : p.incomingCalledNumber().text());
            m.put("answerAddress", p.answerAddress() == null ? null : p.answerAddress().text());
            m.put("port", p.port());
            m.put("preference", p.preference());
            m.put("maxConn", p.maxConn());
            m.put("active", svc().maxConn().active(p.tag()));
            m.put("sessionTarget", p.sessionTarget());
            m.put("shutdown", p.shutdown());
            out.add(m);
        }
        return out;
    }

    Map<String, Object> stats() {
        CallCounters c = svc().calls().counters();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callsIn", c.callsIn());
        m.put("callsOut", c.callsOut());
        m.put("callsFailed", c.failed());
        m.put("callsActive", c.active());
        m.put("pagesSent", c.pagesSent());
        m.put("pagesReceived", c.pagesReceived());
        m.put("spoolJobs", svc().spool().stats().total());
        m.put("configGeneration", daemon.currentConfig().generation());
        m.put("configReloadFailures", daemon.reloadFailures());
        m.put("uptimeSeconds", Duration.between(daemon.startedAt(), now()).toSeconds());
        return m;
    }

    String showCalls() {
        Instant now = now();
        StringBuilder sb = new StringBuilder();
        List<CallInfo> active = svc().calls().activeCalls();
        sb.append("Active calls: ").append(active.size()).append('\n');
        callTable(sb, active, now);
        List<CallInfo> hist = svc().calls().history();
        sb.append("\nCall history (newest last, up to ").append(GatewayServices.HISTORY_SIZE).append("): ")
                .append(hist.size()).append('\n');
        callTable(sb, hist, now);
        return sb.toString();
    }

    private static void callTable(StringBuilder sb, List<CallInfo> calls, Instant now) {
        if (calls.isEmpty()) {
            return;
        }
        sb.append(String.format("%-14s %-4s %-10s %-16s %-16s %5s %-10s %5s %6s %-10s %s%n", "CALL", "DIR", "TYPE",
                "CALLING", "CALLED", "PEER", "STATE", "PAGES", "SECS", "RESULT", "CAUSE"));
        for (CallInfo ci : calls) {
            sb.append(String.format("%-14s %-4s %-10s %-16s %-16s %5d %-10s %5d %6d %-10s %s%n", ci.id(),
                    ci.leg().direction().name().toLowerCase().substring(0, Math.min(3, ci.leg().direction().name().length())),
                    ci.leg().type().name().toLowerCase(), cut(ci.leg().calling(), 16), cut(ci.leg().called(), 16),
                    ci.leg().dialPeerTag(), ci.state().name().toLowerCase(), ci.pages(), ci.duration(now).toSeconds(),
                    ci.result() == null ? "-" : ci.result().name().toLowerCase(),
                    ci.cause() == null ? "-" : ci.cause().toString()));
        }
    }

    String showQueue() {
        SpoolStats st = svc().spool().stats();
        StringBuilder sb = new StringBuilder("Spool ").append(svc().spoolDir()).append('\n');
        for (JobState s : JobState.values()) {
            sb.append(String.format("  %-9s %6d%n", s.name().toLowerCase(), st.count(s)));
        }
        sb.append(String.format("  %-9s %6d%n", "quarantined", st.quarantined()));
        List<Job> open = svc().spool().list().stream()
                .filter(j -> j.state() != JobState.DONE && j.state() != JobState.FAILED).toList();
        if (!open.isEmpty()) {
            sb.append(String.format("%n%-28s %-8s %-9s %4s %-25s %s%n", "JOB", "KIND", "STATE", "TRY", "NEXT ATTEMPT",
                    "REASON"));
            for (Job j : open) {
                sb.append(String.format("%-28s %-8s %-9s %4d %-25s %s%n", j.id(), j.kind(),
                        j.state().name().toLowerCase(), j.attempts(),
                        j.nextAttempt().map(Object::toString).orElse("-"), j.reason().orElse("")));
            }
        }
        return sb.toString();
    }

    String showDialPeers() {
        RunningConfig rc = daemon.currentConfig();
        StringBuilder sb = new StringBuilder();
        sb.append("Dial-peers of config generation ").append(rc.generation()).append(" (").append(rc.source())
                .append(")\n");
        sb.append(String.format("%6s %-6s %-30s %-16s %-16s %-6s %4s %7s %6s %-8s %s%n", "TAG", "TYPE", "APPLICATION",
                "DEST-PATTERN", "INCOMING", "PORT", "PREF", "MAXCONN", "ACTIVE", "STATUS", "SESSION TARGET"));
        for (DialPeer p : rc.config().dialPeers()) {
            String app = p.application() == null ? "-" : p.application() + (p.applicationOutbound() ? " out-bound" : "");
            sb.append(String.format("%6d %-6s %-30s %-16s %-16s %-6s %4d %7s %6d %-8s %s%n", p.tag(),
                    p.kind().name().toLowerCase(), cut(app, 30),
                    p.destinationPattern() == null ? "-" : cut(p.destinationPattern().text(), 16),
                    p.incomingCalledNumber() == null ? "-" : cut(p.incomingCalledNumber().text(), 16),
                    p.port() == null ? "-" : cut(p.port(), 6), p.preference(),
                    p.maxConn() == 0 ? "-" : Integer.toString(p.maxConn()), svc().maxConn().active(p.tag()),
                    p.shutdown() ? "down" : "up", p.sessionTarget() == null ? "-" : p.sessionTarget()));
        }
        return sb.toString();
    }

    String showStats() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : stats().entrySet()) {
            sb.append(String.format("%-22s %s%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    String metrics() {
        CallCounters c = svc().calls().counters();
        StringBuilder sb = new StringBuilder();
        gauge(sb, "t37gw_up", "1 while the daemon runs", 1);
        gauge(sb, "t37gw_uptime_seconds", "seconds since start", Duration.between(daemon.startedAt(), now()).toSeconds());
        gauge(sb, "t37gw_config_generation", "config generation in force (1 at start, +1 per accepted reload)",
                daemon.currentConfig().generation());
        counter(sb, "t37gw_config_reload_failures_total", "reloads refused because the config failed the check",
                daemon.reloadFailures());
        sb.append("# HELP t37gw_calls_total call legs registered, by direction\n# TYPE t37gw_calls_total counter\n");
        sb.append("t37gw_calls_total{direction=\"in\"} ").append(c.callsIn()).append('\n');
        sb.append("t37gw_calls_total{direction=\"out\"} ").append(c.callsOut()).append('\n');
        counter(sb, "t37gw_calls_failed_total", "finished call legs whose result was not success", c.failed());
        gauge(sb, "t37gw_calls_active", "call legs up now", c.active());
        sb.append("# HELP t37gw_pages_total fax pages, by direction\n# TYPE t37gw_pages_total counter\n");
        sb.append("t37gw_pages_total{direction=\"sent\"} ").append(c.pagesSent()).append('\n');
        sb.append("t37gw_pages_total{direction=\"received\"} ").append(c.pagesReceived()).append('\n');
        SpoolStats st = svc().spool().stats();
        sb.append("# HELP t37gw_spool_jobs spool jobs, by state\n# TYPE t37gw_spool_jobs gauge\n");
        for (JobState s : JobState.values()) {
            sb.append("t37gw_spool_jobs{state=\"").append(s.name().toLowerCase()).append("\"} ").append(st.count(s))
                    .append('\n');
        }
        gauge(sb, "t37gw_spool_quarantined", "spool entries whose record could not be read", st.quarantined());
        sb.append("# HELP t37gw_dial_peer_active_connections active connections per dial-peer (max-conn)\n")
                .append("# TYPE t37gw_dial_peer_active_connections gauge\n");
        for (DialPeer p : daemon.currentConfig().config().dialPeers()) {
            sb.append("t37gw_dial_peer_active_connections{tag=\"").append(p.tag()).append("\"} ")
                    .append(svc().maxConn().active(p.tag())).append('\n');
        }
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n").append(name).append(' ').append(v).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n").append(name).append(' ').append(v).append('\n');
    }

    private static String cut(String s, int n) {
        return s == null ? "-" : s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
