package org.t37gw.onramp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxSessionOptions;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.PageSink;
import org.t37gw.ccapi.PageSource;
import org.t37gw.ccapi.Q850Cause;

/**
 * An {@link Fmsp} for tests that plays the far fax machine of a received call, synchronously inside
 * {@link #receive}: phase B, then each page into the sink with its PageReceived event, then either the
 * end of the session, a line drop after page {@code stopAfter}, or nothing at all (the process "dies").
 */
final class ScriptedFaxSender implements Fmsp {

    enum Ending { COMPLETE, LINE_DROP, CRASH }

    private final FakeLine line;
    private final List<FaxPage> pages;
    private final int stopAfter;
    private final Ending ending;
    final List<FaxSessionOptions> optionsSeen = new ArrayList<>();
    final List<String> aborts = new ArrayList<>();

    ScriptedFaxSender(FakeLine line, List<FaxPage> pages, Ending ending, int stopAfter) {
        this.line = line;
        this.pages = List.copyOf(pages);
        this.ending = ending;
        this.stopAfter = ending == Ending.COMPLETE ? pages.size() : stopAfter;
    }

    @Override
    public FaxSession send(CallId callId, FaxSessionOptions options, PageSource pages, Consumer<CallEvent> events) {
        throw new UnsupportedOperationException("the on-ramp never sends");
    }

    @Override
    public FaxSession receive(CallId callId, FaxSessionOptions options, PageSink sink, Consumer<CallEvent> events) {
        optionsSeen.add(options);
        FaxSession session = new FaxSession() {
            @Override
            public CallId callId() {
                return callId;
            }

            @Override
            public void abort(String reason) {
                aborts.add(reason);
                events.accept(new CallEvent.FaxCompleted(callId, false, "aborted: " + reason));
            }
        };
        FaxPage first = pages.get(0);
        events.accept(new CallEvent.FaxModeNegotiated(callId, 14400, options.ecm(), first.resolution(),
                first.coding()));
        events.accept(new CallEvent.RemoteIdentified(callId, "+1 555 0199"));
        try {
            for (int i = 0; i < stopAfter; i++) {
                sink.accept(pages.get(i));
                events.accept(new CallEvent.PageReceived(callId, i + 1, true));
            }
            switch (ending) {
                case COMPLETE -> {
                    sink.close();
                    events.accept(new CallEvent.FaxCompleted(callId, true, ""));
                }
                case LINE_DROP -> {
                    sink.abort();
                    line.farEndHangsUp(callId, Q850Cause.NORMAL_UNSPECIFIED);
                }
                case CRASH -> { }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session;
    }
}
