package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyCodesTest {

    @Test
    void subethasmtpsBareRepliesGetTheirCodesOursPassUnchanged() {
        assertEquals("500 5.5.2 Error: command not recognized", ReplyCodes.rewrite("500 Error: command not recognized"));
        assertEquals("421 4.4.2 Timeout waiting for data from client.",
                ReplyCodes.rewrite("421 Timeout waiting for data from client."));
        assertEquals("421 4.3.2 Too many connections, try again later",
                ReplyCodes.rewrite("421 Too many connections, try again later"));
        assertEquals("501 5.5.2 Syntax error at character position 4", ReplyCodes.rewrite("501 Syntax error at character position 4"));
        assertEquals("501 5.7.0 Authentication canceled by client.", ReplyCodes.rewrite("501 Authentication canceled by client."));
        assertEquals("235 2.7.0 Authentication successful.", ReplyCodes.rewrite("235 Authentication successful."));
        assertEquals("535 5.7.8 Authentication credentials invalid", ReplyCodes.rewrite("535 Authentication credentials invalid"));
        assertEquals("220 2.0.0 Ready to start TLS", ReplyCodes.rewrite("220 Ready to start TLS"));
        for (String same : new String[] {"250 2.1.5 Ok", "421 4.7.0 too many", "354 End data with <CR><LF>.<CR><LF>",
                "334 VXNlcm5hbWU6", "220 gw.example.com ESMTP t37gw", "250-gw.example.com", "250 HELP", "221 2.0.0 Bye",
                "500", "5x0 odd", ""}) {
            assertEquals(same, ReplyCodes.rewrite(same));
        }
    }

    @Test
    void theStreamRewritesWholeLinesAtFlushAndPassesTlsThroughAfterStartTls() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = ReplyCodes.wrap(sink);
        out.write("500 Error: bad\r\n250 2.0.0 Ok\r\n50".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals("500 5.5.2 Error: bad\r\n250 2.0.0 Ok\r\n", sink.toString(StandardCharsets.US_ASCII));
        out.write("3 Bad sequence\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals("500 5.5.2 Error: bad\r\n250 2.0.0 Ok\r\n503 5.5.1 Bad sequence\r\n",
                sink.toString(StandardCharsets.US_ASCII));
        sink.reset();
        byte[] handshake = {0x16, 0x03, 0x03, '\n', '5', '0', '0', ' ', 'x', '\r', '\n', 0};
        out.write("220 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        out.write(handshake);
        out.flush();
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes("220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
        want.writeBytes(handshake);
        assertArrayEquals(want.toByteArray(), sink.toByteArray(), "TLS bytes untouched");
    }
}
