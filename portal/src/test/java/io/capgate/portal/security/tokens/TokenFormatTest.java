package io.capgate.portal.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFormatTest {

  private final TokenFormat format = new TokenFormat(new SecureRandom());

  @Test
  void aTokenIsThePrefixAPublicIdAndA256BitSecretInLowerCaseBase32() {
    var parts = format.generate();

    assertThat(parts.token()).matches("cg_[a-z2-7]{16}_[a-z2-7]{52}");
    // 52 base32 characters carry 260 bits: the 256 random ones and 4 zero padding bits.
    assertThat(parts.secret().length() * 5).isGreaterThanOrEqualTo(256);
    assertThat(TokenFormat.parse(parts.token())).contains(parts);
  }

  @Test
  void everyTokenIsDifferent() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      seen.add(format.generate().token());
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void base32FollowsRfc4648InLowerCaseWithoutPadding() {
    assertThat(TokenFormat.base32("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(TokenFormat.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("my");
    assertThat(TokenFormat.base32("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytb");
    assertThat(TokenFormat.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "cg_", "cg_abcdefghijklmnop_", "gh_abcdefghijklmnop_" + SECRET,
      "cg_ABCDEFGHIJKLMNOP_" + SECRET, "cg_abcdefghijklmno_" + SECRET, "cg_abcdefghijklmnop_" + SECRET + "a",
      "cg_abcdefghijklmnop_" + SECRET + "\n" + "x", "cg_abcdefghijklmn01_" + SECRET})
  void anythingElseIsNotAToken(String presented) {
    assertThat(TokenFormat.parse(presented)).isEmpty();
  }

  @Test
  void overlongInputIsRejectedBeforeMatching() {
    assertThat(TokenFormat.parse("cg_" + "a".repeat(10_000))).isEmpty();
  }

  @Test
  void theSecretIsStoredAsItsSha256AndComparedExactly() {
    var parts = format.generate();
    String stored = TokenFormat.hash(parts.secret());

    assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(parts.secret());
    assertThat(TokenFormat.matches(parts.secret(), stored)).isTrue();
    assertThat(TokenFormat.matches(format.generate().secret(), stored)).isFalse();
    assertThat(TokenFormat.matches(parts.secret(), "not hex")).isFalse();
    // SHA-256 of "abc", the FIPS 180-2 example.
    assertThat(TokenFormat.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void printedTokensShowThePublicIdButNeverTheSecret() {
    var parts = format.generate();
    var token = new ApiToken(1, 2, "ann", "ci", parts.publicId(), Instant.EPOCH, null, null, null);
    var created = new CreatedApiToken(token, parts.token());

    assertThat(parts.toString()).isEqualTo("cg_" + parts.publicId() + "_****");
    assertThat(token.masked()).isEqualTo(parts.toString());
    assertThat(created.toString()).contains(parts.publicId()).doesNotContain(parts.secret());
  }

  @Test
  void aTokenIsActiveUntilItExpiresOrIsRevoked() {
    var now = Instant.parse("2026-11-22T10:00:00Z");
    var live = new ApiToken(1, 2, "ann", "ci", "abcdefghijklmnop", now.minusSeconds(60), null, null, null);

    assertThat(live.status(now)).isEqualTo(ApiToken.Status.ACTIVE);
    assertThat(withExpiry(live, now.plusSeconds(1)).status(now)).isEqualTo(ApiToken.Status.ACTIVE);
    assertThat(withExpiry(live, now).status(now)).isEqualTo(ApiToken.Status.EXPIRED);
    assertThat(new ApiToken(1, 2, "ann", "ci", "abcdefghijklmnop", now, null, null, now).status(now))
        .isEqualTo(ApiToken.Status.REVOKED);
  }

  private static ApiToken withExpiry(ApiToken t, Instant expiresAt) {
    return new ApiToken(t.id(), t.userId(), t.username(), t.name(), t.publicId(), t.createdAt(), t.lastUsedAt(),
        expiresAt, t.revokedAt());
  }

  private static final String SECRET = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";
}
