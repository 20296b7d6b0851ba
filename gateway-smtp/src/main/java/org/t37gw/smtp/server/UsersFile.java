package org.t37gw.smtp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP AUTH users file ({@code mta receive auth users FILE}): one {@code user:hash} per line, the hash
 * as written by {@link HashPassword} ({@link PasswordHash}); blank lines and lines starting with {@code #}
 * are ignored. User names are 1..64 characters without {@code :}, whitespace or controls, compared
 * exactly. Immutable once loaded.
 */
public final class UsersFile {

    private final Map<String, String> hashes;
    /** A hash to verify unknown users against, so that they take as long as known ones. */
    private final String dummy;

    private UsersFile(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
        this.dummy = hashes.values().stream().findFirst().orElse(PasswordHash.hash("x".toCharArray(), PasswordHash.MIN_ITERATIONS));
    }

    /**
     * Loads a users file.
     *
     * @throws IOException with {@code FILE:LINE: message} for a malformed line
     */
    public static UsersFile load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return parse(lines, file.toString());
    }

    /** Parses lines; {@code name} is used in error messages. */
    public static UsersFile parse(List<String> lines, String name) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = name + ":" + (i + 1) + ": ";
            if (colon <= 0) {
                throw new IOException(where + "expected user:hash");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (user.length() > 64 || !user.matches("[^\\s:\\p{Cntrl}]+")) {
                throw new IOException(where + "bad user name");
            }
            if (!PasswordHash.isValid(hash)) {
                throw new IOException(where + "hash is not " + PasswordHash.SCHEME + "ITERATIONS$SALT$HASH (use HashPassword)");
            }
            if (m.put(user, hash) != null) {
                throw new IOException(where + "user " + user + " is defined twice");
            }
        }
        return new UsersFile(m);
    }

    /** Number of users. */
    public int size() {
        return hashes.size();
    }

    /** The user if the password is right. */
    public Optional<String> authenticate(String user, String password) {
        String h = hashes.get(user);
        boolean ok = PasswordHash.verify(password.toCharArray(), h == null ? dummy : h);
        return ok && h != null ? Optional.of(user) : Optional.empty();
    }
}
