package com.callbackdesk.account;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2WithHmacSHA256 from the JDK: a random 16-byte salt per password, the iteration count
 * stored with the hash (so it can be raised later without breaking old hashes), a 256-bit key,
 * and a constant-time comparison.
 */
public final class PasswordHash {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One stored hash (base64 salt and hash). */
    public record Stored(String hash, String salt, int iterations) {
    }

    private PasswordHash() {
    }

    public static Stored hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return new Stored(b64.encodeToString(derive(password, salt, iterations)), b64.encodeToString(salt), iterations);
    }

    public static boolean matches(char[] password, Stored stored) {
        byte[] salt = Base64.getDecoder().decode(stored.salt());
        byte[] expected = Base64.getDecoder().decode(stored.hash());
        return MessageDigest.isEqual(expected, derive(password, salt, stored.iterations()));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
