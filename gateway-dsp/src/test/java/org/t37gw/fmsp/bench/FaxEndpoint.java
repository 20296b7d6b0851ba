package org.t37gw.fmsp.bench;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.fmsp.t30.Coding;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t30.T30Capabilities;
import org.t37gw.fmsp.t30.T30Config;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.UdptlReceiver;
import org.t37gw.fmsp.t38.transport.UdptlChannel;
import org.t37gw.fmsp.t38.transport.UdptlConfig;
import org.t37gw.fmsp.terminal.IfpReceiver;
import org.t37gw.fmsp.terminal.T38Terminal;
import org.t37gw.fmsp.terminal.TiffPageSource;

/**
 * One end of a T.38 fax session as {@code t37gw fax send|receive} runs it: a {@link T30Engine} in a
 * {@link T38Terminal} over a {@link UdptlChannel}, both on one given event loop (many endpoints share a group).
 * A receiver starts its terminal when the first packet of the caller arrives (as the {@code t38} voice-port rings
 * on the first packet), so it never sends DIS into a port that is not open yet. Received pages are kept (as
 * received) and can be decoded for a pixel comparison; an exception out of the terminal is recorded, not thrown.
 */
public final class FaxEndpoint implements AutoCloseable {
    private final T38Terminal terminal;
    private final UdptlChannel channel;
    private final boolean sender;
    private final List<T30Action.PageReceived> pages = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean started;

    private FaxEndpoint(EventLoop loop, UdptlConfig cfg, T30Engine engine, boolean sender, double timeScale)
            throws InterruptedException {
        this.sender = sender;
        T38Terminal[] t = new T38Terminal[1];
        this.channel = UdptlChannel.open(loop, cfg, new UdptlChannel.Listener() {
            @Override
            public void onIfp(int seq, IfpPacket packet) {
                try {
                    if (!started && !sender) {
                        start(); // the call rings: answer (the first packet, CNG, is not needed)
                        return;
                    }
                    t[0].onIfp(packet);
                } catch (RuntimeException e) {
                    errors.add(e);
                    throw e;
                }
            }

            @Override
            public void onGap(UdptlReceiver.Gap gap) {
                try {
                    t[0].onGap();
                } catch (RuntimeException e) {
                    errors.add(e);
                    throw e;
                }
            }
        });
        this.terminal = new T38Terminal(engine, loop, channel::send, new T38Terminal.Listener() {
            @Override
            public void pageReceived(T30Action.PageReceived page) {
                pages.add(page);
            }
        }, timeScale);
        t[0] = terminal;
    }

    /** Capabilities of the benchmark's fax: non-ECM, MH, all modems (V.17 14400 is chosen), standard or finer. */
    public static T30Capabilities nonEcmMh() {
        return T30Capabilities.full().withEcm(false).withCodings(EnumSet.of(Coding.MH));
    }

    /** A calling sender of {@code pages} (its own copy is coded again as negotiated). */
    public static FaxEndpoint sender(EventLoop loop, UdptlConfig cfg, List<Bilevel> pages, String ident,
                                     double timeScale) throws InterruptedException {
        T30Config c = T30Config.builder().ident(ident).logTag("tx " + cfg.local().getPort())
                .capabilities(nonEcmMh()).build();
        return new FaxEndpoint(loop, cfg, T30Engine.callingSender(c, new TiffPageSource(pages)), true, timeScale);
    }

    /** An answering receiver; its terminal starts on the first packet from the caller. */
    public static FaxEndpoint receiver(EventLoop loop, UdptlConfig cfg, String ident, double timeScale)
            throws InterruptedException {
        T30Config c = T30Config.builder().ident(ident).logTag("rx " + cfg.local().getPort())
                .capabilities(T30Capabilities.full()).build();
        return new FaxEndpoint(loop, cfg, T30Engine.answeringReceiver(c), false, timeScale);
    }

    /** Starts the terminal (a sender calls; a receiver answers). Idempotent. */
    public synchronized CompletableFuture<T38Terminal.Outcome> start() {
        if (!started) {
            started = true;
            terminal.start();
        }
        return terminal.outcome();
    }

    public boolean isSender() {
        return sender;
    }

    public CompletableFuture<T38Terminal.Outcome> outcome() {
        return terminal.outcome();
    }

    public T38Terminal terminal() {
        return terminal;
    }

    public UdptlChannel channel() {
        return channel;
    }

    /** Exceptions that came out of the terminal (there should be none). */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /** Pages accepted so far; read after the outcome completed (written on the event loop). */
    public List<T30Action.PageReceived> received() {
        return pages;
    }

    /** The received pages decoded to rasters, as a store-and-forward gateway would write them. */
    public List<Bilevel> decodedPages() {
        List<Bilevel> out = new ArrayList<>();
        for (T30Action.PageReceived p : pages) {
            out.add(decode(p));
        }
        return out;
    }

    /** Decodes one received page (non-ECM MH/MR or MMR) into a raster at standard or fine resolution. */
    public static Bilevel decode(T30Action.PageReceived p) {
        T4Decoder dec = new T4Decoder(IfpReceiver.params(p.mode()), DecodeLimits.DEFAULT);
        byte[] data = p.data();
        dec.feed(data, 0, data.length);
        dec.endOfInput();
        int width = dec.params().width();
        int rb = dec.rowBytes();
        List<byte[]> rows = new ArrayList<>();
        byte[] row = new byte[rb];
        while (dec.nextRow(row, 0) == T4Decoder.ROW) {
            rows.add(row.clone());
        }
        double ydpi = switch (p.mode().resolution()) {
            case STANDARD -> 98;
            case FINE -> 196;
            default -> 391;
        };
        Bilevel b = Bilevel.white(width, rows.size(), 204, ydpi);
        int brb = b.rowBytes();
        for (int y = 0; y < rows.size(); y++) {
            System.arraycopy(rows.get(y), 0, b.data(), y * brb, Math.min(brb, rb));
        }
        return b;
    }

    /** Null when {@code got} has the same pixels as {@code want}, page by page, else what differs. */
    public static String compare(List<Bilevel> want, List<Bilevel> got) {
        if (want.size() != got.size()) {
            return want.size() + " pages sent, " + got.size() + " received";
        }
        for (int i = 0; i < want.size(); i++) {
            String d = want.get(i).firstDifference(got.get(i));
            if (d != null) {
                return "page " + (i + 1) + ": " + d;
            }
        }
        return null;
    }

    @Override
    public void close() {
        channel.close();
    }
}
