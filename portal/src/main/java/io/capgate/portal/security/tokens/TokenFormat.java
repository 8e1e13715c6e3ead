package io.capgate.portal.security.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API token: {@code cg_<public id>_<secret>}, both parts lower-case base32
 * ({@code a-z2-7}, no padding) so a token survives shells, URLs and double-click selection.
 *
 * <p>The public id (80 random bits, 16 characters) finds the token's row and may appear in logs
 * and the UI. The secret (256 random bits from {@link SecureRandom}, 52 characters) is stored
 * only as its SHA-256. A fast hash is right here, unlike for passwords: a guess is one of 2^256
 * values, so no amount of hashing speed makes a stolen hash reversible, while a slow hash such as
 * Argon2 would cost every API call tens of milliseconds and make the endpoint a CPU lever.
 */
final class TokenFormat {

  static final String PREFIX = "cg_";
  static final int PUBLIC_ID_BYTES = 10;
  static final int SECRET_BYTES = 32;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final Pattern TOKEN = Pattern.compile("cg_([a-z2-7]{16})_([a-z2-7]{52})");
  /** Longer input is rejected before the regex runs: a header is attacker-controlled. */
  private static final int MAX_LENGTH = 200;

  /** A token's two parts; {@link #toString()} masks the secret. */
  record Parts(String publicId, String secret) {

    String token() {
      return PREFIX + publicId + "_" + secret;
    }

    @Override
    public String toString() {
      return mask(publicId);
    }
  }

  private final SecureRandom random;

  TokenFormat(SecureRandom random) {
    this.random = random;
  }

  /** A new random token. */
  Parts generate() {
    return new Parts(base32(randomBytes(PUBLIC_ID_BYTES)), base32(randomBytes(SECRET_BYTES)));
  }

  /** The parts of a presented token, or empty when it is not one of ours (never an exception). */
  static Optional<Parts> parse(String presented) {
    if (presented == null || presented.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    var match = TOKEN.matcher(presented.strip());
    return match.matches() ? Optional.of(new Parts(match.group(1), match.group(2))) : Optional.empty();
  }

  /** SHA-256 of the secret as 64 lower-case hex digits, what the database keeps. */
  static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /** Whether the secret hashes to the stored hash, compared in constant time. */
  static boolean matches(String secret, String storedHash) {
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(storedHash.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), stored);
  }

  /** How a token may appear in logs and the UI: its public id, never any part of the secret. */
  static String mask(String publicId) {
    return PREFIX + publicId + "_****";
  }

  private byte[] randomBytes(int count) {
    var bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** RFC 4648 base32 in lower case, without padding. */
  static String base32(byte[] bytes) {
    var out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }
}
