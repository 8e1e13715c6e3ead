package io.capgate.portal.security;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Users and roles of the caller's organization: organization admins create, disable, enable and
 * reset users and grant or revoke roles; auditors read. Project owners may grant and revoke
 * {@link Role#DEVELOPER} and {@link Role#REVIEWER} on their own project. A user or project of
 * another organization is not found. The organization always keeps one enabled admin.
 */
@Service
@Validated
public class UserAdmin {

  /** What a project owner may hand out on their own project. */
  private static final Set<Role> OWNER_GRANTABLE = EnumSet.of(Role.DEVELOPER, Role.REVIEWER);

  private final JdbcClient jdbc;
  private final UserAdminQueries queries;
  private final Access access;
  private final PasswordEncoder encoder;
  private final ApplicationEventPublisher events;

  UserAdmin(JdbcClient jdbc, UserAdminQueries queries, Access access, PasswordEncoder encoder,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.queries = queries;
    this.access = access;
    this.encoder = encoder;
    this.events = events;
  }

  /** Whether the caller administers users (and may open the users view). */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public boolean canAdminister() {
    return access.hasOrganizationRole(Role.ORG_ADMIN);
  }

  /** Every user of the organization with their grants, by username. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ManagedUser> list() {
    access.requireOrganization(Role.ORG_ADMIN, Role.AUDITOR);
    return queries.users(access.currentUser().organizationId());
  }

  /** The users holding a role that applies to the project, with those grants only. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ManagedUser> listForProject(long projectId) {
    access.requireProject(projectId, Role.ORG_ADMIN, Role.AUDITOR, Role.PROJECT_OWNER);
    return queries.usersOf(access.currentUser().organizationId(), projectId);
  }

  /** The projects a role can be granted on. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ProjectChoice> projects() {
    access.requireOrganization(Role.ORG_ADMIN, Role.AUDITOR);
    return queries.projects(access.currentUser().organizationId());
  }

  /** Creates a user with a made-up password, to be shown once and changed at first sign-in. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public OneTimePassword create(@Valid NewUser form) {
    access.requireOrganization(Role.ORG_ADMIN);
    long organization = access.currentUser().organizationId();
    String password = OneTimePasswords.generate();
    long id;
    try {
      id = jdbc.sql("""
          insert into users (organization_id, username, display_name, password_hash, must_change_password)
          values (?, ?, ?, ?, true) returning id""")
          .params(organization, form.username(), form.displayName(), encoder.encode(password))
          .query(Long.class).single();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("The username '" + form.username() + "' is taken: pick another");
    }
    var user = queries.user(organization, id);
    audit("user.created", user, Map.of(), fields(user));
    return new OneTimePassword(user, password);
  }

  /** Disables a user: they can no longer sign in, and their open sessions end. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManagedUser disable(long userId) {
    access.requireOrganization(Role.ORG_ADMIN);
    var before = lockAndFind(userId);
    if (before.id() == access.currentUser().id()) {
      throw new ConflictException("You cannot disable your own account");
    }
    if (!before.enabled()) {
      throw new ConflictException("User '" + before.username() + "' is already disabled");
    }
    if (before.holds(Role.ORG_ADMIN, null) && noOtherAdmin(before)) {
      throw new ConflictException("'" + before.username() + "' is the last enabled organization admin: "
          + "make someone else ORG_ADMIN first");
    }
    return setEnabled(before, false, "user.disabled");
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManagedUser enable(long userId) {
    access.requireOrganization(Role.ORG_ADMIN);
    var before = lockAndFind(userId);
    if (before.enabled()) {
      throw new ConflictException("User '" + before.username() + "' is already enabled");
    }
    return setEnabled(before, true, "user.enabled");
  }

  /** Replaces a user's password with a made-up one they must change at their next sign-in. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public OneTimePassword resetPassword(long userId) {
    access.requireOrganization(Role.ORG_ADMIN);
    var before = lockAndFind(userId);
    String password = OneTimePasswords.generate();
    jdbc.sql("update users set password_hash = ?, must_change_password = true where id = ?")
        .params(encoder.encode(password), userId).update();
    var after = queries.user(access.currentUser().organizationId(), userId);
    audit("user.password_reset", after, Map.of("mustChangePassword", before.mustChangePassword()),
        Map.of("mustChangePassword", true));
    return new OneTimePassword(after, password);
  }

  /**
   * Grants a role organization-wide ({@code projectId} null) or on a project of the organization.
   * Organization admins grant anything; project owners grant developer and reviewer on their project.
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManagedUser grant(long userId, Role role, Long projectId) {
    requireMayChange(role, projectId);
    var before = lockAndFind(userId);
    if (before.holds(role, projectId)) {
      throw new ConflictException("'" + before.username() + "' already holds " + describe(before, role, projectId));
    }
    jdbc.sql("insert into role_grants (user_id, organization_id, project_id, role) values (?, ?, ?, ?)")
        .params(userId, access.currentUser().organizationId(), projectId, role.name()).update();
    var after = queries.user(access.currentUser().organizationId(), userId);
    audit("role.granted", after, Map.of(), grantFields(after, role, projectId));
    return after;
  }

  /** Revokes a grant; the last enabled organization admin keeps ORG_ADMIN. */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManagedUser revoke(long userId, Role role, Long projectId) {
    requireMayChange(role, projectId);
    var before = lockAndFind(userId);
    if (!before.holds(role, projectId)) {
      throw new NotFoundException("Grant of " + role + " to '" + before.username() + "'");
    }
    if (role == Role.ORG_ADMIN && before.enabled() && noOtherAdmin(before)) {
      throw new ConflictException("'" + before.username() + "' is the last enabled organization admin: "
          + "make someone else ORG_ADMIN first");
    }
    jdbc.sql("delete from role_grants where user_id = ? and role = ? and project_id is not distinct from ?")
        .params(userId, role.name(), projectId).update();
    var after = queries.user(access.currentUser().organizationId(), userId);
    audit("role.revoked", after, grantFields(before, role, projectId), Map.of());
    return after;
  }

  /** Organization-wide roles need an organization admin; project owners may hand out some on their project. */
  private void requireMayChange(Role role, Long projectId) {
    Objects.requireNonNull(role, "role");
    if (projectId == null) {
      access.requireOrganization(Role.ORG_ADMIN);
      return;
    }
    if (role.organizationWide()) {
      throw new IllegalArgumentException(role + " holds for the whole organization: grant it without a project");
    }
    // Not found for another organization's project, whoever asks.
    if (OWNER_GRANTABLE.contains(role)) {
      access.requireProject(projectId, Role.ORG_ADMIN, Role.PROJECT_OWNER);
    } else {
      access.requireProject(projectId, Role.ORG_ADMIN);
    }
  }

  /** The target user, after the organization row lock that serializes "last admin" checks. */
  private ManagedUser lockAndFind(long userId) {
    long organization = access.currentUser().organizationId();
    queries.lockOrganization(organization);
    return queries.user(organization, userId);
  }

  private boolean noOtherAdmin(ManagedUser user) {
    return queries.enabledAdminsOtherThan(access.currentUser().organizationId(), user.id()) == 0;
  }

  private ManagedUser setEnabled(ManagedUser before, boolean enabled, String action) {
    jdbc.sql("update users set enabled = ? where id = ?").params(enabled, before.id()).update();
    var after = queries.user(access.currentUser().organizationId(), before.id());
    audit(action, after, Map.of("enabled", before.enabled()), Map.of("enabled", after.enabled()));
    return after;
  }

  private String describe(ManagedUser user, Role role, Long projectId) {
    return user.grants().stream().filter(g -> g.matches(role, projectId)).findFirst()
        .map(RoleGrant::describe).orElse(role.name());
  }

  private void audit(String action, ManagedUser user, Map<String, Object> before, Map<String, Object> after) {
    var caller = access.currentUser();
    events.publishEvent(new AuditEvent(caller.organizationId(), caller.actor(), action,
        "user", Long.toString(user.id()), before, after));
  }

  /** What the audit log keeps of a user: never a password or its hash. */
  private static Map<String, Object> fields(ManagedUser user) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("username", user.username());
    fields.put("displayName", user.displayName());
    fields.put("enabled", user.enabled());
    fields.put("mustChangePassword", user.mustChangePassword());
    return fields;
  }

  private static Map<String, Object> grantFields(ManagedUser user, Role role, Long projectId) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("username", user.username());
    fields.put("role", role.name());
    fields.put("projectId", projectId);
    return fields;
  }
}
