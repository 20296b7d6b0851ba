package org.t37gw.smtp.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Prints a users-file line for SMTP AUTH: {@code java -cp LIBS org.t37gw.smtp.server.HashPassword USER}.
 * The password is read from the terminal without echo, or as the first line of standard input when
 * there is no terminal (for scripts). Output: {@code USER:$pbkdf2-sha256$...}.
 */
public final class HashPassword {

    private HashPassword() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || args[0].isEmpty() || args[0].contains(":") || args[0].matches(".*\\s.*")) {
            System.err.println("usage: HashPassword USER   (password from the terminal or stdin)");
            System.exit(2);
            return;
        }
        char[] pw;
        Console console = System.console();
        if (console != null) {
            pw = console.readPassword("password for %s: ", args[0]);
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            pw = line == null ? null : line.toCharArray();
        }
        if (pw == null || pw.length == 0) {
            System.err.println("empty password");
            System.exit(1);
            return;
        }
        System.out.println(args[0] + ":" + PasswordHash.hash(pw));
    }
}
