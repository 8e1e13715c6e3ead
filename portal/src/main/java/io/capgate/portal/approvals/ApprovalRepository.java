package io.capgate.portal.approvals;

import io.capgate.model.manifest.ManifestHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for approval requests, decisions and comments. Access checks are the callers'. */
@Repository
class ApprovalRepository {

  /**
   * An open request's base is recomputed on every read: the service's version that is active now,
   * so its diff follows each activation. A decided request keeps the base it was decided against.
   */
  private static final String SELECT = """
      select r.id, r.version_id, v.version, v.service_id, s.name, s.project_id, p.name, r.requested_by,
             u.display_name, r.reason,
             case when r.status = 'OPEN'
                  then (select a.id from manifest_versions a where a.service_id = v.service_id and a.state = 'ACTIVE')
                  else r.base_version_id end,
             r.required_approvals,
             (select count(*) from approval_decisions d where d.request_id = r.id and d.decision = 'APPROVE'),
             r.status, r.created_at, r.decided_at, p.organization_id, v.author_id, v.hash
      from approval_requests r
      join manifest_versions v on v.id = r.version_id
      join services s on s.id = v.service_id
      join projects p on p.id = s.project_id
      join users u on u.id = r.requested_by
      """;

  /**
   * A request with what access checks and audit events need besides it.
   *
   * @param hash the version's hash, {@code sha256:} and 64 hex digits
   */
  record Stored(ApprovalRequest request, long organizationId, long authorId, String hash) {}

  private final JdbcClient jdbc;

  ApprovalRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Stored> find(long requestId) {
    return jdbc.sql(SELECT + " where r.id = ?").param(requestId).query(ApprovalRepository::map).optional();
  }

  Optional<Stored> findByVersion(long versionId) {
    return jdbc.sql(SELECT + " where r.version_id = ?").param(versionId).query(ApprovalRepository::map).optional();
  }

  /** Holds the request's row until the transaction ends, so decisions on one request run one at a time. */
  void lock(long requestId) {
    jdbc.sql("select id from approval_requests where id = ? for update").param(requestId).query(Long.class).single();
  }

  /** Open requests of the organization on projects where the user reviews, not their own versions, oldest first. */
  List<ApprovalRequest> queue(long organizationId, long userId) {
    return jdbc.sql(SELECT + """
         where r.status = 'OPEN' and p.organization_id = :org and v.author_id <> :user
           and exists (select 1 from role_grants g
                       where g.user_id = :user and g.organization_id = :org and g.role = 'REVIEWER'
                         and (g.project_id is null or g.project_id = p.id))
         order by r.created_at, r.id""")
        .param("org", organizationId).param("user", userId)
        .query(ApprovalRepository::map).list().stream().map(Stored::request).toList();
  }

  long open(long versionId, long requestedBy, String reason, Long baseVersionId, long projectId, Instant at) {
    return jdbc.sql("""
        insert into approval_requests (version_id, requested_by, reason, base_version_id, required_approvals,
                                       status, created_at)
        select ?, ?, ?, ?, required_approvals, 'OPEN', ? from projects where id = ?
        returning id""")
        .params(versionId, requestedBy, reason, baseVersionId, Timestamp.from(at), projectId)
        .query(Long.class).single();
  }

  /** The project of a version, whether or not it has a request. */
  Optional<Long> projectOfVersion(long versionId) {
    return jdbc.sql("select s.project_id from manifest_versions v join services s on s.id = v.service_id where v.id = ?")
        .param(versionId).query(Long.class).optional();
  }

  Optional<Decision> decisionOf(long requestId, long reviewerId) {
    return jdbc.sql("select decision from approval_decisions where request_id = ? and reviewer_id = ?")
        .params(requestId, reviewerId).query((rs, n) -> Decision.valueOf(rs.getString(1))).optional();
  }

  void decide(long requestId, long reviewerId, Decision decision, String comment, Instant at) {
    jdbc.sql("""
        insert into approval_decisions (request_id, reviewer_id, decision, comment, created_at)
        values (?, ?, ?, ?, ?)""")
        .params(requestId, reviewerId, decision.name(), comment, Timestamp.from(at)).update();
  }

  /** Closes an open request, freezing its base as the version active at the decision. */
  void close(long requestId, ApprovalStatus status, Instant at) {
    jdbc.sql("""
        update approval_requests r set status = ?, decided_at = ?,
               base_version_id = (select a.id from manifest_versions v
                                  join manifest_versions a on a.service_id = v.service_id and a.state = 'ACTIVE'
                                  where v.id = r.version_id)
        where id = ? and status = 'OPEN'""")
        .params(status.name(), Timestamp.from(at), requestId).update();
  }

  List<ReviewerDecision> decisions(long requestId) {
    return jdbc.sql("""
        select d.reviewer_id, u.display_name, d.decision, d.comment, d.created_at
        from approval_decisions d join users u on u.id = d.reviewer_id
        where d.request_id = ? order by d.created_at, d.id""")
        .param(requestId)
        .query((rs, n) -> new ReviewerDecision(rs.getLong(1), rs.getString(2), Decision.valueOf(rs.getString(3)),
            rs.getString(4), rs.getTimestamp(5).toInstant()))
        .list();
  }

  void comment(long requestId, long authorId, String body, Instant at) {
    jdbc.sql("insert into approval_comments (request_id, author_id, body, created_at) values (?, ?, ?, ?)")
        .params(requestId, authorId, body, Timestamp.from(at)).update();
  }

  List<ReviewComment> comments(long requestId) {
    return jdbc.sql("""
        select c.author_id, u.display_name, c.body, c.created_at
        from approval_comments c join users u on u.id = c.author_id
        where c.request_id = ? order by c.id""")
        .param(requestId)
        .query((rs, n) -> new ReviewComment(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant()))
        .list();
  }

  private static Stored map(ResultSet rs, int row) throws SQLException {
    long base = rs.getLong(11);
    Long baseVersionId = rs.wasNull() ? null : base;
    Timestamp decidedAt = rs.getTimestamp(16);
    var request = new ApprovalRequest(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
        rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), baseVersionId,
        rs.getInt(12), rs.getInt(13), ApprovalStatus.valueOf(rs.getString(14)), rs.getTimestamp(15).toInstant(),
        decidedAt == null ? null : decidedAt.toInstant());
    return new Stored(request, rs.getLong(17), rs.getLong(18), ManifestHash.PREFIX + rs.getString(19).strip());
  }
}
