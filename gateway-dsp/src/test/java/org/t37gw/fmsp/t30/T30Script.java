package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs a conformance script (src/test/resources/t30/*.txt) against one engine, playing the far end:
 * every {@code tx} line must match the next thing the engine transmits, every {@code rx} line injects a
 * frame. Like spandsp's tsb85.xml, but our own small language (see docs/t30.md, "Scripts").
 *
 * <pre>
 * engine calling-sender|answering-receiver [pages=N] [ecm=on|off] [res=FINE] [codings=MH,MR] [frame=256|64] [bytes=N]
 * start                      start the engine at t=0
 * tx NAME [text]             next transmitted item is NAME (FCF mnemonic, CNG, CED, TCF, PAGE, ECM-BLOCK)
 *                            whose description contains text
 * rx NAME [FIF] [nonfinal]   inject a frame from the far end; FIF is hex or a macro:
 *                            {@literal @}dis-full {@literal @}dis-basic {@literal @}dis-noecm {@literal @}id:TEXT
 *                            {@literal @}dcs:MOD,RES,CODING[,ECM256|ECM64] {@literal @}pps:FCF2,page,block,frames {@literal @}ppr:n,n,...
 * rx-raw HEX [badfcs]        inject raw octets
 * tcf good|bad               inject TcfReceived
 * page lines=N bad=M [bytes=K]   inject page data and its end;  page-data bytes=K  only data
 * ecm-block frames=N [missing=a,b] [only=a,b]   inject FCD frames then RCP
 * wait MS                    advance time, firing due timers
 * expire TIMER               advance to the next deadline, which must be TIMER's
 * busy true|false | carrier-down | hangup
 * state STATE | mode TEXT | result RESULT | page-received N
 * </pre>
 */
final class T30Script {
    private final String name;
    private final List<String> lines;
    private T30Engine engine;
    private long now;
    private final Deque<String> txItems = new ArrayDeque<>();
    private final Map<T30Timer, Long> timers = new EnumMap<>(T30Timer.class);
    private T30Result result;
    private int pagesReceived;
    private final Random rng = new Random(42);

    private T30Script(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    static T30Script load(String resource) throws IOException {
        try (InputStream in = T30Script.class.getResourceAsStream("/t30/" + resource)) {
            if (in == null) {
                throw new IOException("no script " + resource);
            }
            return new T30Script(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    void run() {
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            int hash = line.indexOf(" #");
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                step(line);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + ":" + n + ": " + line + ": " + e.getMessage(), e);
            }
        }
        assertTrue(txItems.isEmpty(), name + ": unchecked transmissions at end: " + txItems);
    }

    private void step(String line) {
        String[] w = line.split("\\s+");
        String rest = line.substring(w[0].length()).strip();
        switch (w[0]) {
            case "engine" -> engine = build(w);
            case "start" -> apply(engine.start(now));
            case "tx" -> {
                assertTrue(!txItems.isEmpty(), "expected a transmission, engine sent nothing");
                String item = txItems.poll();
                String itemName = item.split("[ (]", 2)[0];
                assertEquals(w[1], itemName, "transmitted " + item);
                String text = rest.substring(w[1].length()).strip();
                assertTrue(text.isEmpty() || item.contains(text), "'" + item + "' does not contain '" + text + "'");
            }
            case "rx" -> {
                noPendingTx();
                boolean fin = !rest.endsWith(" nonfinal");
                String body = fin ? rest : rest.substring(0, rest.length() - " nonfinal".length());
                String fcfName = body.split("\\s+", 2)[0];
                String fifText = body.substring(fcfName.length()).strip();
                Fcf fcf = Fcf.byName(fcfName);
                assertTrue(fcf != null, "unknown FCF " + fcfName);
                HdlcFrame f = HdlcFrame.of(fcf, !engine.isSender(), fin, fif(fifText));
                event(new T30Event.FrameReceived(f.toBytes(), true));
            }
            case "rx-raw" -> {
                noPendingTx();
                boolean bad = rest.endsWith("badfcs");
                String hex = (bad ? rest.substring(0, rest.length() - 6) : rest).replace(" ", "");
                event(new T30Event.FrameReceived(HexFormat.of().parseHex(hex), !bad));
            }
            case "tcf" -> {
                noPendingTx();
                event(new T30Event.TcfReceived(w[1].equals("good") ? TcfStats.clean(1500) : TcfStats.noisy(1500)));
            }
            case "page", "page-data" -> {
                noPendingTx();
                Map<String, Integer> kv = kv(w);
                byte[] data = new byte[kv.getOrDefault("bytes", 2000)];
                rng.nextBytes(data);
                event(new T30Event.PageDataReceived(data));
                if (w[0].equals("page")) {
                    event(new T30Event.PageDataEnd(kv.get("lines"), kv.get("bad")));
                }
            }
            case "ecm-block" -> {
                noPendingTx();
                Map<String, String> kv = kvs(w);
                int frames = Integer.parseInt(kv.get("frames"));
                List<Integer> missing = ints(kv.get("missing"));
                List<Integer> only = ints(kv.get("only"));
                for (int i = 0; i < frames; i++) {
                    if (missing.contains(i) || (!only.isEmpty() && !only.contains(i))) {
                        continue;
                    }
                    byte[] fif = new byte[257];
                    fif[0] = (byte) i;
                    event(new T30Event.FrameReceived(HdlcFrame.of(Fcf.FCD, false, false, fif).toBytes(), true));
                }
                event(new T30Event.FrameReceived(HdlcFrame.of(Fcf.RCP, false, false).toBytes(), true));
            }
            case "wait" -> {
                noPendingTx();
                advanceTo(now + Long.parseLong(w[1]));
            }
            case "expire" -> {
                noPendingTx();
                T30Timer t = T30Timer.valueOf(w[1]);
                long next = engine.nextDeadline().orElseThrow(() -> new AssertionError("no timer running"));
                assertEquals(Long.valueOf(next), timers.get(t), t + " is not the next timer: " + timers);
                advanceTo(next);
            }
            case "busy" -> event(new T30Event.ReceiverBusy(Boolean.parseBoolean(w[1])));
            case "carrier-down" -> event(new T30Event.CarrierDown());
            case "hangup" -> event(new T30Event.Hangup());
            case "state" -> assertEquals(T30State.valueOf(w[1]), engine.state());
            case "mode" -> assertTrue(engine.mode().orElseThrow().toString().contains(rest),
                    "mode " + engine.mode().orElseThrow() + " lacks " + rest);
            case "result" -> {
                noPendingTx();
                assertEquals(T30Result.valueOf(w[1]), result, "call result");
                assertTrue(engine.isFinished());
            }
            case "page-received" -> assertEquals(Integer.parseInt(w[1]), pagesReceived);
            default -> fail("unknown script verb " + w[0]);
        }
    }

    private void noPendingTx() {
        assertTrue(txItems.isEmpty(), "engine transmitted more than the script expects: " + txItems);
    }

    private T30Engine build(String[] w) {
        Map<String, String> kv = kvs(w);
        boolean ecm = !"off".equals(kv.get("ecm"));
        T30Config config = T30Config.builder().ident("+1 555 0100").logTag(name)
                .capabilities(T30Capabilities.full().withEcm(ecm))
                .ecmFrameSize(Integer.parseInt(kv.getOrDefault("frame", "256"))).build();
        if (w[1].equals("answering-receiver")) {
            return T30Engine.answeringReceiver(config);
        }
        int pages = Integer.parseInt(kv.getOrDefault("pages", "1"));
        Resolution res = Resolution.valueOf(kv.getOrDefault("res", "FINE"));
        EnumSet<Coding> codings = EnumSet.noneOf(Coding.class);
        for (String c : kv.getOrDefault("codings", "MH,MR,MMR").split(",")) {
            codings.add(Coding.valueOf(c));
        }
        int bytes = Integer.parseInt(kv.getOrDefault("bytes", "1000"));
        List<InMemoryPageSource.Page> list = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            byte[] data = new byte[bytes];
            rng.nextBytes(data);
            list.add(new InMemoryPageSource.Page(new PageDescription(res, PageWidth.A4, PageLength.A4, codings), data));
        }
        return T30Engine.callingSender(config, new InMemoryPageSource(list));
    }

    private void event(T30Event e) {
        apply(engine.onEvent(e, now));
    }

    private void advanceTo(long target) {
        while (true) {
            var next = engine.nextDeadline();
            if (next.isEmpty() || next.getAsLong() > target || engine.isFinished()) {
                break;
            }
            now = Math.max(now, next.getAsLong());
            apply(engine.onEvent(new T30Event.Timeout(), now));
            noPendingTxAfterTimer();
        }
        now = target;
    }

    private void noPendingTxAfterTimer() {
        // a timer may make the engine transmit; the script checks those with tx lines after 'expire'/'wait',
        // so only stop advancing here
    }

    /** Records actions; feeds SendComplete right away while the engine transmits (time does not pass). */
    private void apply(List<T30Action> actions) {
        boolean sent = false;
        for (T30Action a : actions) {
            if (a instanceof T30Action.SendTone t) {
                txItems.add(t.tone().name());
                sent |= t.tone() == T30Action.Tone.CED;
            } else if (a instanceof T30Action.SendFrames f) {
                if (f.modulation() == Modulation.V21) {
                    f.frames().forEach(h -> txItems.add(T30Trace.describe(h)));
                } else {
                    long fcd = f.frames().stream().filter(h -> h.fcf().equals(Fcf.FCD)).count();
                    txItems.add("ECM-BLOCK frames=" + fcd + " " + f.modulation());
                }
                sent = true;
            } else if (a instanceof T30Action.SendTcf t) {
                txItems.add("TCF " + t.modulation());
                sent = true;
            } else if (a instanceof T30Action.SendPageData p) {
                txItems.add("PAGE " + p.modulation() + " bytes=" + p.data().length);
                sent = true;
            } else if (a instanceof T30Action.SetTimer s) {
                timers.put(s.timer(), s.atMillis());
            } else if (a instanceof T30Action.CancelTimer c) {
                timers.remove(c.timer());
            } else if (a instanceof T30Action.PageReceived) {
                pagesReceived++;
            } else if (a instanceof T30Action.CallComplete c) {
                assertEquals(null, result, "second CallComplete");
                result = c.result();
            }
        }
        if (sent && !engine.isFinished()) {
            apply(engine.onEvent(new T30Event.SendComplete(), now));
        }
    }

    private static Map<String, Integer> kv(String[] w) {
        Map<String, Integer> m = new java.util.HashMap<>();
        kvs(w).forEach((k, v) -> m.put(k, Integer.parseInt(v)));
        return m;
    }

    private static Map<String, String> kvs(String[] w) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String s : w) {
            int eq = s.indexOf('=');
            if (eq > 0) {
                m.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return m;
    }

    private static List<Integer> ints(String csv) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(Integer::parseInt).toList();
    }

    private byte[] fif(String text) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        if (text.startsWith("@id:")) {
            return Identity.encode(text.substring(4));
        }
        switch (text) {
            case "@dis-full" -> {
                return DisDcsCodec.encodeDis(T30Capabilities.full());
            }
            case "@dis-basic" -> {
                return DisDcsCodec.encodeDis(T30Capabilities.basic());
            }
            case "@dis-noecm" -> {
                return DisDcsCodec.encodeDis(T30Capabilities.full().withEcm(false));
            }
            default -> {
            }
        }
        if (text.startsWith("@dcs:")) {
            String[] p = text.substring(5).split(",");
            boolean ecm = p.length > 3;
            PageMode m = new PageMode(Modulation.valueOf(p[0]), Resolution.valueOf(p[1]), PageWidth.A4, PageLength.A4,
                    Coding.valueOf(p[2]), ecm, ecm && p[3].equals("ECM64") ? 64 : 256, ecm ? 0 : 0);
            return DisDcsCodec.encodeDcs(m, false, false);
        }
        if (text.startsWith("@pps:")) {
            String[] p = text.substring(5).split(",");
            int fcf2 = p[0].equals("NULL") ? 0 : Fcf.byName(p[0]).octet(true);
            return new byte[] {(byte) fcf2, (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
                (byte) (Integer.parseInt(p[3]) - 1)};
        }
        if (text.startsWith("@ppr:")) {
            byte[] map = new byte[32];
            for (int i : ints(text.substring(5))) {
                map[i / 8] |= (byte) (1 << (i % 8));
            }
            return map;
        }
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }
}
