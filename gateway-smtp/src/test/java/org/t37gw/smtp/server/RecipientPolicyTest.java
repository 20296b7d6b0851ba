package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.t37gw.config.Cidr;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeerTable;

class RecipientPolicyTest {

    private static final GatewayConfig CFG = TestConfigs.config(TestConfigs.OFFRAMP);
    private static final DialPeerTable PEERS = TestConfigs.peers(CFG);
    private static final InetAddress LAN = addr("192.0.2.7");
    private static final InetAddress OUTSIDE = addr("198.51.100.9");

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecipientPolicy policy(List<Cidr> relay, boolean auth, int max) {
        return new RecipientPolicy(new RecipientPolicy.Settings(CFG.localDomains(), max, relay, auth,
                DenyList.DEFAULT), () -> PEERS);
    }

    private static final RecipientPolicy OPEN = policy(List.of(), false, 3);
    private static final RecipientPolicy CLOSED = policy(List.of(Cidr.parse("192.0.2.0/24")), true, 3);

    private static SmtpReply rejected(RcptDecision d) {
        return assertInstanceOf(RcptDecision.Reject.class, d).reply();
    }

    @Test
    void acceptsAndFindsPeers() {
        RcptDecision.Accept a = assertInstanceOf(RcptDecision.Accept.class,
                OPEN.check(new RecipientPolicy.Request("FAX=555-0100@GW.example.com", OUTSIDE, null, 0)));
        assertEquals("5550100", a.address().number());
        assertEquals(20, a.offrampPeer().tag());
        assertEquals(30, a.route().peer().tag());
        a = assertInstanceOf(RcptDecision.Accept.class,
                OPEN.check(new RecipientPolicy.Request("FAX=+1-555-010-0000@fax.example.com", OUTSIDE, null, 2)));
        assertEquals(21, a.offrampPeer().tag());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FAX=5550100@elsewhere.example   | 554 | 5.7.1",
            "john@gw.example.com             | 550 | 5.1.1",
            "FAX=55a0100@gw.example.com      | 553 | 5.1.3",
            "FAX=4440100@gw.example.com      | 554 | 5.7.1",
            "FAX=7770100@gw.example.com      | 554 | 5.7.1",
            "FAX=+1-900-555-0100@gw.example.com | 554 | 5.7.1",
            "FAX=011-44-20-7946@gw.example.com  | 554 | 5.7.1",
            "FAX=9-1900-555-0100@gw.example.com | 554 | 5.7.1",
            "FAX=9-00-44-555@gw.example.com     | 554 | 5.7.1",
    })
    void refusals(String address, int code, String enhanced) {
        SmtpReply r = rejected(OPEN.check(new RecipientPolicy.Request(address, OUTSIDE, null, 0)));
        assertEquals(code, r.code(), r.toString());
        assertEquals(enhanced, r.enhanced());
    }

    @Test
    void localNumberThroughAccessCodeAccepted() {
        RcptDecision.Accept a = assertInstanceOf(RcptDecision.Accept.class,
                OPEN.check(new RecipientPolicy.Request("FAX=9-555-8354@gw.example.com", OUTSIDE, null, 0)));
        assertEquals("95558354", a.address().number());
        assertEquals("5558354", a.route().dialString());
    }

    @Test
    void tooManyRecipients() {
        SmtpReply r = rejected(OPEN.check(new RecipientPolicy.Request("FAX=5550100@gw.example.com", OUTSIDE, null, 3)));
        assertEquals("452 4.5.3", r.code() + " " + r.enhanced());
        r = rejected(policy(List.of(), false, 0).check(new RecipientPolicy.Request("FAX=5550100@gw.example.com", LAN, null, 0)));
        assertEquals("550 5.5.3", r.code() + " " + r.enhanced());
    }

    @Test
    void relayOnlyForNetworksOrAuthenticatedUsers() {
        String rcpt = "FAX=5550100@gw.example.com";
        assertEquals("554 5.7.1", code(CLOSED.check(new RecipientPolicy.Request(rcpt, OUTSIDE, null, 0))));
        assertInstanceOf(RcptDecision.Accept.class, CLOSED.check(new RecipientPolicy.Request(rcpt, LAN, null, 0)));
        assertInstanceOf(RcptDecision.Accept.class, CLOSED.check(new RecipientPolicy.Request(rcpt, OUTSIDE, "alice", 0)));
        // an unauthorized client learns nothing about the address's syntax
        assertEquals("554 5.7.1", code(CLOSED.check(new RecipientPolicy.Request("john@gw.example.com", OUTSIDE, null, 0))));
    }

    @Test
    void denyList() {
        assertEquals("1900", DenyList.DEFAULT.match("+19005550100").orElseThrow());
        assertEquals("011", DenyList.DEFAULT.match("01144").orElseThrow());
        assertEquals(true, DenyList.DEFAULT.match("5550100").isEmpty());
        assertEquals(true, DenyList.NONE.match("0900").isEmpty());
    }

    private static String code(RcptDecision d) {
        SmtpReply r = rejected(d);
        return r.code() + " " + r.enhanced();
    }
}
