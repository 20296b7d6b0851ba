package org.t37gw.ccapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** An application that records what it is told; behaviour can be plugged in per test. */
class RecordingApplication implements Application {
    final String name;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    volatile Function<CallLeg, SetupDecision> onSetup = leg -> SetupDecision.ACCEPT;
    volatile BiConsumer<CallLeg, CallEvent> onEvent = (leg, e) -> { };
    volatile ApplicationContext context;

    RecordingApplication(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(ApplicationContext context) {
        this.context = context;
        log.add("start");
    }

    @Override
    public void stop() {
        log.add("stop");
    }

    @Override
    public SetupDecision onSetup(CallLeg leg) {
        log.add("onSetup " + leg.id());
        return onSetup.apply(leg);
    }

    @Override
    public void onEvent(CallLeg leg, CallEvent event) {
        log.add(event.getClass().getSimpleName() + " " + leg.id());
        onEvent.accept(leg, event);
    }

    /** The event names recorded for one leg, in order. */
    List<String> eventsOf(CallId id) {
        synchronized (log) {
            return log.stream().filter(s -> s.endsWith(" " + id)).map(s -> s.substring(0, s.indexOf(' '))).toList();
        }
    }
}
