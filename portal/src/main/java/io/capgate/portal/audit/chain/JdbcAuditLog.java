package io.capgate.portal.audit.chain;

import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import io.capgate.portal.audit.VerificationResult;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@link AuditLog} on PostgreSQL: pages by keyset on (organization_id, seq desc). */
@Service
class JdbcAuditLog implements AuditLog {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String COLUMNS = "seq, at, actor_user_id, actor_name, action, object_type, object_id,"
      + " before_state::text, after_state::text, hash";

  private final JdbcClient jdbc;
  private final Access access;
  private final ChainVerifier verifier;
  private final ObjectMapper json;

  JdbcAuditLog(JdbcClient jdbc, Access access, ChainVerifier verifier, ObjectMapper json) {
    this.jdbc = jdbc;
    this.access = access;
    this.verifier = verifier;
    this.json = json;
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public boolean canRead() {
    var roles = access.organizationRoles();
    return roles.contains(Role.ORG_ADMIN) || roles.contains(Role.AUDITOR);
  }

  @Override
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<AuditEntry> page(AuditFilter filter, Long beforeSeq, int skip, int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
    }
    if (skip < 0) {
      throw new IllegalArgumentException("skip must not be negative, was " + skip);
    }
    long organizationId = requireReader();
    var sql = new StringBuilder("select " + COLUMNS + " from audit_log where organization_id = :org");
    var params = new LinkedHashMap<String, Object>();
    params.put("org", organizationId);
    where(sql, params, filter, beforeSeq);
    sql.append(" order by seq desc offset :skip limit :limit");
    params.put("skip", skip);
    params.put("limit", limit);
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  /**
   * Not transactional on purpose: the verifier reads the anchor file first and then opens its own
   * snapshot, which must start after that read (see {@link ChainVerifier#verify(long)}).
   */
  @Override
  @PreAuthorize("isAuthenticated()")
  public VerificationResult verify() {
    return verifier.verify(requireReader());
  }

  /** The caller's organization, once they are known to hold ORG_ADMIN or AUDITOR there. */
  private long requireReader() {
    access.requireOrganization(Role.ORG_ADMIN, Role.AUDITOR);
    return access.currentUser().organizationId();
  }

  private static void where(StringBuilder sql, Map<String, Object> params, AuditFilter filter, Long beforeSeq) {
    if (beforeSeq != null) {
      sql.append(" and seq < :before");
      params.put("before", beforeSeq);
    }
    if (filter.actionPrefix() != null) {
      // starts_with, unlike LIKE, needs no escaping of % and _ in what the user typed.
      sql.append(" and starts_with(action, :action)");
      params.put("action", filter.actionPrefix());
    }
    if (filter.actor() != null) {
      sql.append(" and strpos(lower(actor_name), lower(:actor)) > 0");
      params.put("actor", filter.actor());
    }
    if (filter.objectType() != null) {
      sql.append(" and object_type = :objectType");
      params.put("objectType", filter.objectType());
    }
    if (filter.objectId() != null) {
      sql.append(" and object_id = :objectId");
      params.put("objectId", filter.objectId());
    }
    if (filter.from() != null) {
      sql.append(" and at >= :from");
      params.put("from", AuditAppender.timestamp(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" and at < :to");
      params.put("to", AuditAppender.timestamp(filter.to()));
    }
  }

  private AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
        rs.getObject(3, Long.class), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        json.readValue(rs.getString(8), MAP), json.readValue(rs.getString(9), MAP), rs.getString(10));
  }
}
