package io.capgate.portal.security;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@PortalTest
@RecordApplicationEvents
class UserAdminIT {

  @Autowired UserAdmin users;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder encoder;
  @Autowired ApplicationEvents events;

  @Test
  void anAdminCreatesAUserWhoseOneTimePasswordWorksOnceAndMustBeChanged() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    String username = "new-" + Fixtures.unique();

    var created = as(admin, () -> users.create(new NewUser(" " + username.toUpperCase() + " ", "  Ada Lovelace ")));

    assertThat(created.user().username()).isEqualTo(username);
    assertThat(created.user().displayName()).isEqualTo("Ada Lovelace");
    assertThat(created.user().mustChangePassword()).isTrue();
    assertThat(created.user().grants()).isEmpty();
    assertThat(created.password()).hasSize(20);
    assertThat(created.toString()).doesNotContain(created.password());
    assertThat(encoder.matches(created.password(), hashOf(created.user().id()))).isTrue();
    assertThat(as(admin, () -> users.list())).extracting(ManagedUser::username).contains(username, admin.username());
    var audit = single("user.created");
    assertThat(audit.organizationId()).isEqualTo(org);
    assertThat(audit.actor().userId()).isEqualTo(admin.id());
    assertThat(audit.after()).containsEntry("username", username).containsEntry("mustChangePassword", true);
    assertNoSecrets(audit, created.password(), created.user().id());
  }

  @Test
  void usernamesAreValidatedAndUniqueAcrossOrganizations() {
    var admin = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);
    var elsewhere = fixtures.aUser(fixtures.anOrganization());

    assertThatThrownBy(() -> as(admin, () -> users.create(new NewUser(elsewhere.username(), "Copy"))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("is taken");
    assertThatThrownBy(() -> as(admin, () -> users.create(new NewUser("has space", "X"))))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("username");
    assertThatThrownBy(() -> as(admin, () -> users.create(new NewUser("valid-" + Fixtures.unique(), " "))))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("displayName");
  }

  @Test
  void disablingAndEnablingAreAuditedAndRefusedForOneselfAndTheLastAdmin() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var developer = fixtures.aUser(org, Role.DEVELOPER);

    assertThat(as(admin, () -> users.disable(developer.id())).enabled()).isFalse();
    assertThat(single("user.disabled").before()).containsEntry("enabled", true);
    assertThat(single("user.disabled").after()).containsEntry("enabled", false);
    assertThatThrownBy(() -> as(admin, () -> users.disable(developer.id()))).isInstanceOf(ConflictException.class);
    assertThat(as(admin, () -> users.enable(developer.id())).enabled()).isTrue();
    assertThat(single("user.enabled").after()).containsEntry("enabled", true);

    assertThatThrownBy(() -> as(admin, () -> users.disable(admin.id())))
        .isInstanceOf(ConflictException.class).hasMessageContaining("your own account");
    assertThatThrownBy(() -> as(admin, () -> users.revoke(admin.id(), Role.ORG_ADMIN, null)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("last enabled organization admin");
  }

  @Test
  void aSecondAdminLetsTheFirstStepDownButNotBothAtOnce() {
    long org = fixtures.anOrganization();
    var first = fixtures.aUser(org, Role.ORG_ADMIN);
    var second = fixtures.aUser(org, Role.ORG_ADMIN);

    as(first, () -> users.revoke(second.id(), Role.ORG_ADMIN, null));
    assertThatThrownBy(() -> as(first, () -> users.revoke(first.id(), Role.ORG_ADMIN, null)))
        .isInstanceOf(ConflictException.class);

    as(first, () -> users.grant(second.id(), Role.ORG_ADMIN, null));
    as(first, () -> users.revoke(first.id(), Role.ORG_ADMIN, null));
    assertThat(fixtures.rolesOf(first)).isEmpty();
    assertThat(events.stream(AuditEvent.class).filter(e -> e.action().equals("role.revoked")))
        .extracting(e -> e.before().get("username")).containsExactly(second.username(), first.username());
  }

  @Test
  void aDisabledAdminDoesNotCountAsTheOneThatRemains() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var other = fixtures.aUser(org, Role.ORG_ADMIN);
    as(admin, () -> users.disable(other.id()));

    assertThatThrownBy(() -> as(admin, () -> users.revoke(admin.id(), Role.ORG_ADMIN, null)))
        .isInstanceOf(ConflictException.class);
    // Taking ORG_ADMIN from the disabled one leaves the enabled admin: allowed.
    as(admin, () -> users.revoke(other.id(), Role.ORG_ADMIN, null));
  }

  @Test
  void aPasswordResetReplacesTheHashAndForcesAChange() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var developer = fixtures.aUser(org, Role.DEVELOPER);
    String oldHash = hashOf(developer.id());

    var reset = as(admin, () -> users.resetPassword(developer.id()));

    assertThat(reset.user().mustChangePassword()).isTrue();
    assertThat(encoder.matches(reset.password(), hashOf(developer.id()))).isTrue();
    assertThat(encoder.matches(Fixtures.PASSWORD, hashOf(developer.id()))).isFalse();
    assertThat(hashOf(developer.id())).isNotEqualTo(oldHash);
    var audit = single("user.password_reset");
    assertThat(audit.after()).containsEntry("mustChangePassword", true);
    assertNoSecrets(audit, reset.password(), developer.id());
  }

  @Test
  void rolesAreGrantedOrganizationWideOrOnAProjectOfTheOrganization() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var user = fixtures.aUser(org);

    as(admin, () -> users.grant(user.id(), Role.AUDITOR, null));
    var after = as(admin, () -> users.grant(user.id(), Role.DEVELOPER, project));
    as(admin, () -> users.grant(user.id(), Role.REVIEWER, null));

    assertThat(after.grants()).extracting(RoleGrant::role, RoleGrant::projectId)
        .contains(tuple(Role.DEVELOPER, project));
    assertThat(fixtures.rolesOf(user)).containsExactly("AUDITOR", "DEVELOPER", "REVIEWER");
    assertThat(events.stream(AuditEvent.class).filter(e -> e.action().equals("role.granted")))
        .extracting(e -> e.after().get("role"), e -> e.after().get("projectId"))
        .containsExactly(tuple("AUDITOR", null),
            tuple("DEVELOPER", project),
            tuple("REVIEWER", null));
    assertThat(as(admin, () -> users.listForProject(project))).extracting(ManagedUser::username)
        .contains(user.username(), admin.username());

    as(admin, () -> users.revoke(user.id(), Role.DEVELOPER, project));
    assertThat(fixtures.rolesOf(user)).containsExactly("AUDITOR", "REVIEWER");
  }

  @Test
  void grantsThatMakeNoSenseGetClearErrors() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    long foreignProject = fixtures.aProject(fixtures.anOrganization());
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var user = fixtures.aUser(org, Role.DEVELOPER);

    assertThatThrownBy(() -> as(admin, () -> users.grant(user.id(), Role.AUDITOR, project)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a project");
    assertThatThrownBy(() -> as(admin, () -> users.grant(user.id(), Role.DEVELOPER, null)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already holds");
    assertThatThrownBy(() -> as(admin, () -> users.grant(user.id(), Role.DEVELOPER, foreignProject)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(admin, () -> users.revoke(user.id(), Role.REVIEWER, project)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(admin, () -> users.grant(Long.MAX_VALUE, Role.DEVELOPER, project)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aProjectOwnerHandsOutDeveloperAndReviewerOnTheirOwnProjectOnly() {
    long org = fixtures.anOrganization();
    long owned = fixtures.aProject(org);
    long other = fixtures.aProject(org);
    var owner = fixtures.aUser(org);
    fixtures.grant(owner, owned, Role.PROJECT_OWNER);
    var colleague = fixtures.aUser(org);

    as(owner, () -> users.grant(colleague.id(), Role.DEVELOPER, owned));
    as(owner, () -> users.grant(colleague.id(), Role.REVIEWER, owned));
    as(owner, () -> users.revoke(colleague.id(), Role.REVIEWER, owned));

    assertThat(fixtures.rolesOf(colleague)).containsExactly("DEVELOPER");
    assertThat(as(owner, () -> users.listForProject(owned))).extracting(ManagedUser::id)
        .containsExactlyInAnyOrder(owner.id(), colleague.id());
    assertThatThrownBy(() -> as(owner, () -> users.grant(colleague.id(), Role.PROJECT_OWNER, owned)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(owner, () -> users.grant(colleague.id(), Role.DEVELOPER, null)))
        .isInstanceOf(AccessDeniedException.class);
    // No role on the other project: to the owner it does not exist.
    assertThatThrownBy(() -> as(owner, () -> users.grant(colleague.id(), Role.DEVELOPER, other)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(owner, () -> users.list())).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void theProjectViewOfUsersShowsOnlyGrantsThatApplyToIt() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    long other = fixtures.aProject(org);
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var both = fixtures.aUser(org);
    fixtures.grant(both, project, Role.DEVELOPER);
    fixtures.grant(both, other, Role.REVIEWER);
    var elsewhere = fixtures.aUser(org);
    fixtures.grant(elsewhere, other, Role.DEVELOPER);

    List<ManagedUser> listed = as(admin, () -> users.listForProject(project));

    assertThat(listed).extracting(ManagedUser::username).containsExactly(admin.username(), both.username())
        .doesNotContain(elsewhere.username());
    assertThat(listed.get(1).describeGrants()).startsWith("DEVELOPER on project-").doesNotContain("REVIEWER");
  }

  private AuditEvent single(String action) {
    var matching = events.stream(AuditEvent.class).filter(e -> e.action().equals(action)).toList();
    assertThat(matching).as(action).hasSize(1);
    return matching.getFirst();
  }

  private void assertNoSecrets(AuditEvent event, String password, long userId) {
    String hash = hashOf(userId);
    assertThat(event.toString()).doesNotContain(password).doesNotContain(hash).doesNotContain("{argon2}");
  }

  private String hashOf(long userId) {
    return jdbc.sql("select password_hash from users where id = ?").param(userId).query(String.class).single();
  }
}
