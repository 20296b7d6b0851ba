package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsersFileTest {

    @Test
    void hashAndVerify() throws IOException {
        String h = PasswordHash.hash("s3cret".toCharArray(), 2000);
        assertTrue(h.startsWith("$pbkdf2-sha256$2000$"), h);
        assertTrue(PasswordHash.verify("s3cret".toCharArray(), h));
        assertFalse(PasswordHash.verify("s3cres".toCharArray(), h));
        UsersFile f = UsersFile.parse(List.of("# comment", "", "bob:" + h), "users");
        assertEquals(Optional.of("bob"), f.authenticate("bob", "s3cret"));
        assertEquals(Optional.empty(), f.authenticate("bob", "nope"));
        assertEquals(Optional.empty(), f.authenticate("eve", "s3cret"));
    }

    @Test
    void malformedLinesNamed() {
        String h = PasswordHash.hash("x".toCharArray(), 1000);
        IOException e = assertThrows(IOException.class, () -> UsersFile.parse(List.of("bob:" + h, "bob:" + h), "u"));
        assertEquals("u:2: user bob is defined twice", e.getMessage());
        e = assertThrows(IOException.class, () -> UsersFile.parse(List.of("bob:plaintext"), "u"));
        assertTrue(e.getMessage().startsWith("u:1: hash is not"), e.getMessage());
        assertThrows(IOException.class, () -> UsersFile.parse(List.of("nocolon"), "u"));
        assertThrows(IOException.class, () -> UsersFile.parse(List.of("bob:$pbkdf2-sha256$10$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"), "u"));
    }

    @Test
    void dataReaderUnstuffsAndStopsAtTheDot() throws IOException {
        var in = new java.io.ByteArrayInputStream("a\r\n..b\r\n.c\r\n.\r\nNEXT".getBytes());
        var out = new java.io.ByteArrayOutputStream();
        DataReader.Result r = DataReader.copy(in, out, 1000);
        assertEquals(DataReader.Outcome.COMPLETE, r.outcome());
        assertEquals("a\r\n.b\r\nc\r\n", out.toString());
        assertEquals("NEXT", new String(in.readAllBytes()));
        assertEquals(DataReader.Outcome.BARE_LINE_END,
                DataReader.copy(new java.io.ByteArrayInputStream("a\n.\n".getBytes()), out, 1000).outcome());
        assertEquals(DataReader.Outcome.BARE_LINE_END,
                DataReader.copy(new java.io.ByteArrayInputStream("a\rb\r\n.\r\n".getBytes()), out, 1000).outcome());
        assertThrows(java.io.EOFException.class,
                () -> DataReader.copy(new java.io.ByteArrayInputStream("a\r\n".getBytes()), out, 1000));
    }
}
