package org.t37gw.ccapi;

import java.io.IOException;

/** Where the call manager puts one call detail record per finished leg. */
@FunctionalInterface
public interface CdrSink {

    /** A sink that drops every record (CDRs off). */
    CdrSink NONE = call -> { };

    /** Records a finished leg; called once per leg, from any thread. */
    void write(CallInfo finishedCall) throws IOException;
}
