package io.capgate.portal.security.tokens;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@PortalTest
@RecordApplicationEvents
class ApiTokensIT {

  @Autowired ApiTokens tokens;
  @Autowired ApiTokenAuthenticator authenticator;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;


  @Test
  void aCreatedTokenAuthenticatesAsItsUserAndOnlyTheHashOfItsSecretIsStored() {
    var user = fixtures.aUser(fixtures.anOrganization(), Role.DEVELOPER);

    var created = as(user, () -> tokens.create("CI deploy", null));

    assertThat(created.value()).startsWith("cg_" + created.token().publicId() + "_");
    assertThat(created.token().name()).isEqualTo("CI deploy");
    assertThat(authenticator.authenticate(created.value())).map(CapgateUser::id).contains(user.id());
    String secret = created.value().substring(created.value().lastIndexOf('_') + 1);
    var row = jdbc.sql("select * from api_tokens where id = ?").param(created.token().id()).query().singleRow();
    assertThat(row.get("secret_sha256")).isEqualTo(TokenFormat.hash(secret));
    assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(secret));
  }

  @Test
  void creationAndRevocationAreAuditedWithoutTheSecret() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var created = as(user, () -> tokens.create("laptop", null));
    as(user, () -> tokens.revoke(created.token().id()));

    var audited = events.stream(AuditEvent.class).filter(e -> e.objectType().equals("api_token")).toList();

    assertThat(audited).extracting(AuditEvent::action).containsExactly("api_token.created", "api_token.revoked");
    assertThat(audited).allSatisfy(e -> {
      assertThat(e.organizationId()).isEqualTo(user.organizationId());
      assertThat(e.actor().userId()).isEqualTo(user.id());
      assertThat(e.objectId()).isEqualTo(Long.toString(created.token().id()));
      assertThat(e.toString()).doesNotContain(created.value().substring(20));
    });
    assertThat(audited.get(0).after()).containsEntry("name", "laptop").containsEntry("token", created.token().masked());
    assertThat(audited.get(1).before()).containsEntry("revokedAt", null);
    assertThat(audited.get(1).after().get("revokedAt")).isNotNull();
  }

  @Test
  void aRevokedTokenAuthenticatesNobodyAndRevokingAgainChangesNothing() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var created = as(user, () -> tokens.create("ci", null));

    var revoked = as(user, () -> tokens.revoke(created.token().id()));
    var again = as(user, () -> tokens.revoke(created.token().id()));

    assertThat(revoked.status(Instant.now())).isEqualTo(ApiToken.Status.REVOKED);
    assertThat(again.revokedAt()).isEqualTo(revoked.revokedAt());
    assertThat(authenticator.authenticate(created.value())).isEmpty();
    assertThat(events.stream(AuditEvent.class).filter(e -> e.action().equals("api_token.revoked"))).hasSize(1);
  }

  @Test
  void anExpiredTokenAuthenticatesNobody() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var created = as(user, () -> tokens.create("short-lived", Instant.now().plus(Duration.ofDays(1))));
    assertThat(authenticator.authenticate(created.value())).isPresent();

    jdbc.sql("update api_tokens set created_at = now() - interval '2 days', expires_at = now() - interval '1 second'"
        + " where id = ?").param(created.token().id()).update();

    assertThat(authenticator.authenticate(created.value())).isEmpty();
    assertThat(as(user, () -> tokens.mine())).singleElement()
        .satisfies(t -> assertThat(t.status(Instant.now())).isEqualTo(ApiToken.Status.EXPIRED));
  }

  @Test
  void aDisabledUsersTokenAuthenticatesNobody() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var created = as(user, () -> tokens.create("ci", null));

    jdbc.sql("update users set enabled = false where id = ?").param(user.id()).update();

    assertThat(authenticator.authenticate(created.value())).isEmpty();
  }

  @Test
  void aWrongSecretOrAnUnknownOrMalformedTokenAuthenticatesNobody() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var created = as(user, () -> tokens.create("ci", null));
    String value = created.value();
    char last = value.charAt(value.length() - 1);

    assertThat(authenticator.authenticate(value.substring(0, value.length() - 1) + (last == 'a' ? 'b' : 'a')))
        .isEmpty();
    assertThat(authenticator.authenticate("cg_zzzzzzzzzzzzzzzz_" + value.substring(20))).isEmpty();
    assertThat(authenticator.authenticate(value.toUpperCase())).isEmpty();
    assertThat(authenticator.authenticate("")).isEmpty();
  }

  @Test
  void lastUsedIsWrittenAtMostOnceAMinute() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var created = as(user, () -> tokens.create("ci", null));
    assertThat(lastUsed(created)).isNull();

    authenticator.authenticate(created.value());
    Instant first = lastUsed(created);
    jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
        .params(Sql.at(first.minusSeconds(30)), created.token().id()).update();
    authenticator.authenticate(created.value());
    Instant unchanged = lastUsed(created);
    jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
        .params(Sql.at(first.minusSeconds(61)), created.token().id()).update();
    authenticator.authenticate(created.value());

    assertThat(first).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    assertThat(unchanged).isEqualTo(first.minusSeconds(30));
    assertThat(lastUsed(created)).isAfterOrEqualTo(first);
  }

  @Test
  void aUserSeesAndRevokesOnlyTheirOwnTokens() {
    long org = fixtures.anOrganization();
    var ann = fixtures.aUser(org, Role.DEVELOPER);
    var bob = fixtures.aUser(org, Role.DEVELOPER);
    var annsToken = as(ann, () -> tokens.create("ann's", null));
    as(bob, () -> tokens.create("bob's", null));

    assertThat(as(ann, () -> tokens.mine())).extracting(ApiToken::name).containsExactly("ann's");
    assertThatThrownBy(() -> as(bob, () -> tokens.revoke(annsToken.token().id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(bob, () -> tokens.organizationTokens())).isInstanceOf(AccessDeniedException.class);
    assertThat(authenticator.authenticate(annsToken.value())).isPresent();
  }

  @Test
  void anOrganizationAdminSeesAndRevokesAnyTokenOfTheirOrganizationOnly() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var developer = fixtures.aUser(org, Role.DEVELOPER);
    var strangerAdmin = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);
    var token = as(developer, () -> tokens.create("ci", null));

    assertThat(as(admin, () -> tokens.organizationTokens())).extracting(ApiToken::username)
        .containsExactly(developer.username());
    assertThat(as(strangerAdmin, () -> tokens.organizationTokens())).isEmpty();
    assertThatThrownBy(() -> as(strangerAdmin, () -> tokens.revoke(token.token().id())))
        .isInstanceOf(NotFoundException.class);

    as(admin, () -> tokens.revoke(token.token().id()));

    assertThat(authenticator.authenticate(token.value())).isEmpty();
    assertThat(jdbc.sql("select revoked_by from api_tokens where id = ?").param(token.token().id())
        .query(Long.class).single()).isEqualTo(admin.id());
  }

  @Test
  void namesAndExpiriesAreChecked() {
    var user = fixtures.aUser(fixtures.anOrganization());
    var first = as(user, () -> tokens.create("  ci  ", null));

    assertThat(first.token().name()).isEqualTo("ci");
    assertThatThrownBy(() -> as(user, () -> tokens.create("ci", null)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already have a live token named 'ci'");
    assertThatThrownBy(() -> as(user, () -> tokens.create(" ", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> as(user, () -> tokens.create("x".repeat(101), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
    assertThatThrownBy(() -> as(user, () -> tokens.create("old", Instant.now().minus(1, ChronoUnit.MINUTES))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
    as(user, () -> tokens.revoke(first.token().id()));
    assertThat(as(user, () -> tokens.create("ci", null)).token().name()).isEqualTo("ci");
  }

  @Test
  void aUserHoldsAtMostFiftyLiveTokens() {
    var user = fixtures.aUser(fixtures.anOrganization());
    for (int i = 0; i < ApiTokens.MAX_LIVE_TOKENS; i++) {
      int n = i;
      as(user, () -> tokens.create("token " + n, null));
    }

    assertThatThrownBy(() -> as(user, () -> tokens.create("one more", null)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("revoke one first");
  }

  @Test
  void nobodyManagesTokensWithoutSigningIn() {
    assertThatThrownBy(() -> tokens.create("ci", null)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    assertThatThrownBy(() -> tokens.mine()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
  }

  private Instant lastUsed(CreatedApiToken token) {
    return jdbc.sql("select last_used_at from api_tokens where id = ?").param(token.token().id())
        .query((rs, n) -> Sql.instant(rs, 1)).list().get(0);
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
  }
}
