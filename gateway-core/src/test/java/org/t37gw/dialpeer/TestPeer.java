package org.t37gw.dialpeer;

import java.util.Set;

/** Builds {@link DialPeer}s for tests, fields at their defaults unless set. */
final class TestPeer {
    private final int tag;
    private final DialPeer.Kind kind;
    private String application;
    private DialPattern destination;
    private DialPattern incoming;
    private DialPattern answer;
    private String port;
    private String prefix = "";
    private boolean digitStrip;
    private int forward = DialPeer.FORWARD_DEFAULT;
    private int preference;
    private int maxConn;
    private boolean shutdown;

    private TestPeer(int tag, DialPeer.Kind kind) {
        this.tag = tag;
        this.kind = kind;
        this.digitStrip = kind == DialPeer.Kind.POTS;
    }

    static TestPeer pots(int tag) {
        return new TestPeer(tag, DialPeer.Kind.POTS);
    }

    static TestPeer mmoip(int tag) {
        return new TestPeer(tag, DialPeer.Kind.MMOIP);
    }

    TestPeer dest(String p) {
        destination = DialPattern.parse(p);
        return this;
    }

    TestPeer incoming(String p) {
        incoming = DialPattern.parse(p);
        return this;
    }

    TestPeer answer(String p) {
        answer = DialPattern.parse(p);
        return this;
    }

    TestPeer port(String p) {
        port = p;
        return this;
    }

    TestPeer prefix(String p) {
        prefix = p;
        return this;
    }

    TestPeer digitStrip(boolean on) {
        digitStrip = on;
        return this;
    }

    TestPeer forward(int n) {
        forward = n;
        return this;
    }

    TestPeer preference(int p) {
        preference = p;
        return this;
    }

    TestPeer maxConn(int n) {
        maxConn = n;
        return this;
    }

    TestPeer shutdown() {
        shutdown = true;
        return this;
    }

    TestPeer application(String a) {
        application = a;
        return this;
    }

    DialPeer build() {
        return new DialPeer(tag, kind, application, false, destination, incoming, answer, false, port, prefix,
                digitStrip, forward, preference, maxConn, DialPeer.InformationType.FAX, null, null, null,
                Set.of(), false, shutdown, "test.cfg", tag);
    }
}
