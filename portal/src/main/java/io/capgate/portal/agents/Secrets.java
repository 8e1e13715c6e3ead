package io.capgate.portal.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Hashing of token secrets and new agent ids. A fast hash is right for token secrets: each is one of 2^256
 * values, so no hashing speed makes a stolen hash reversible, and the lookup by hash needs no constant-time
 * comparison.
 */
final class Secrets {

  /** {@code agent-} and 96 random bits in hex: unguessable, and short enough for a certificate's CN. */
  private static final int AGENT_ID_BYTES = 12;

  private Secrets() {
  }

  static String sha256Hex(String secret) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  static String newAgentId(SecureRandom random) {
    byte[] bytes = new byte[AGENT_ID_BYTES];
    random.nextBytes(bytes);
    return "agent-" + HexFormat.of().formatHex(bytes);
  }
}
