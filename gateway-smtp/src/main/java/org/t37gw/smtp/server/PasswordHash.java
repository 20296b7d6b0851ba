package org.t37gw.smtp.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The password hashes of the SMTP AUTH users file: PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2), written
 * {@code $pbkdf2-sha256$ITERATIONS$SALT$HASH} with SALT (16 bytes) and HASH (32 bytes) in unpadded
 * standard Base64.
 */
public final class PasswordHash {

    /** Prefix of the format. */
    public static final String SCHEME = "$pbkdf2-sha256$";
    /** Iterations written by {@link #hash(char[])}. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Fewest iterations accepted when reading. */
    public static final int MIN_ITERATIONS = 1_000;
    /** Most iterations accepted when reading (bounds the CPU a login costs). */
    public static final int MAX_ITERATIONS = 5_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private PasswordHash() {
    }

    /** Hashes with a fresh salt and {@link #DEFAULT_ITERATIONS}. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(password, salt, iterations, 32));
    }

    /** Whether {@code encoded} is in our format (not whether it verifies). */
    public static boolean isValid(String encoded) {
        try {
            parse(encoded);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code password} matches; constant time in the hash comparison. */
    public static boolean verify(char[] password, String encoded) {
        Parsed p = parse(encoded);
        byte[] actual = derive(password, p.salt, p.iterations, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String encoded) {
        if (encoded == null || !encoded.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " hash");
        }
        String[] f = encoded.substring(SCHEME.length()).split("\\$", -1);
        if (f.length != 3 || !f[0].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("expected " + SCHEME + "ITERATIONS$SALT$HASH");
        }
        int it = Integer.parseInt(f[0]);
        if (it < MIN_ITERATIONS || it > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(f[1]);
            hash = Base64.getDecoder().decode(f[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("salt or hash is not Base64");
        }
        if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("salt of 8+ bytes and hash of 16..64 bytes required");
        }
        return new Parsed(it, salt, hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 not available", e);
        } finally {
            spec.clearPassword();
        }
    }

}
