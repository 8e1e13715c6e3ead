package io.capgate.portal.manifests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for manifest versions. Rows for lists carry no content: history pages stay cheap however large
 * the manifests are. Access checks are the callers'; this class only reads and writes rows.
 */
@Repository
class ManifestRepository {

  private static final String SELECT = """
      select v.id, v.service_id, s.name, s.project_id, v.version, v.state, v.hash, v.module_count, v.author_id,
             u.display_name, v.created_at, v.submitted_at, v.decided_at, v.activated_at, v.superseded_at
      from manifest_versions v
      join services s on s.id = v.service_id
      join users u on u.id = v.author_id
      """;

  /** What a version stores besides its metadata. */
  record Content(String yaml, String canonicalJson) {}

  private final JdbcClient jdbc;

  ManifestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ManifestVersion> find(long versionId) {
    return jdbc.sql(SELECT + " where v.id = ?").param(versionId).query(ManifestRepository::map).optional();
  }

  Optional<ManifestVersion> find(long serviceId, int version) {
    return jdbc.sql(SELECT + " where v.service_id = ? and v.version = ?").param(serviceId).param(version)
        .query(ManifestRepository::map).optional();
  }

  /** The newest version of the service with that canonical hash (a hash may repeat after a rejection). */
  Optional<ManifestVersion> findByHash(long serviceId, String bareHash) {
    return jdbc.sql(SELECT + " where v.service_id = ? and v.hash = ? order by v.version desc limit 1")
        .param(serviceId).param(bareHash).query(ManifestRepository::map).optional();
  }

  Optional<ManifestVersion> active(long serviceId) {
    return jdbc.sql(SELECT + " where v.service_id = ? and v.state = 'ACTIVE'").param(serviceId)
        .query(ManifestRepository::map).optional();
  }

  Optional<ManifestVersion> newest(long serviceId) {
    return history(serviceId, 0, 1).stream().findFirst();
  }

  /** One history page; walks the (service_id, version) index backwards and reads no content. */
  static final String HISTORY = SELECT + " where v.service_id = ? order by v.version desc offset ? limit ?";

  /** Newest first. */
  List<ManifestVersion> history(long serviceId, int offset, int limit) {
    return jdbc.sql(HISTORY)
        .param(serviceId).param(offset).param(limit).query(ManifestRepository::map).list();
  }

  int count(long serviceId) {
    return jdbc.sql("select count(*) from manifest_versions where service_id = ?").param(serviceId)
        .query(Integer.class).single();
  }

  Content content(long versionId) {
    return jdbc.sql("select content, canonical_json from manifest_versions where id = ?").param(versionId)
        .query((rs, n) -> new Content(rs.getString(1), rs.getString(2))).single();
  }

  /**
   * Locks the service's row until the transaction ends: version numbers and activations of one
   * service are assigned one at a time, so concurrent callers never collide.
   */
  void lockService(long serviceId) {
    jdbc.sql("select id from services where id = ? for update").param(serviceId).query(Long.class).single();
  }

  /** Inserts a DRAFT with the next number; call {@link #lockService} first in the same transaction. */
  long insertDraft(long serviceId, String yaml, ManifestCodec.Parsed parsed, long authorId, Instant at) {
    return jdbc.sql("""
        insert into manifest_versions (service_id, version, state, content, canonical_json, hash, module_count,
                                       author_id, created_at)
        select ?, coalesce(max(version), 0) + 1, 'DRAFT', ?, ?, ?, ?, ?, ?
        from manifest_versions where service_id = ?
        returning id""")
        .params(serviceId, yaml, parsed.canonicalJson(), parsed.hash(), parsed.moduleCount(), authorId,
            Timestamp.from(at), serviceId)
        .query(Long.class).single();
  }

  /** Replaces a draft's content; false when the version is no longer a draft. */
  boolean updateDraft(long versionId, String yaml, ManifestCodec.Parsed parsed) {
    return jdbc.sql("""
        update manifest_versions set content = ?, canonical_json = ?, hash = ?, module_count = ?
        where id = ? and state = 'DRAFT'""")
        .params(yaml, parsed.canonicalJson(), parsed.hash(), parsed.moduleCount(), versionId).update() == 1;
  }

  /**
   * Moves a version from one state to the next and stamps the matching timestamp column; false when
   * it was no longer in {@code from} (someone else moved it first).
   */
  boolean transition(long versionId, ManifestState from, ManifestState to, Instant at) {
    String stamp = switch (to) {
      case IN_REVIEW -> "submitted_at";
      case APPROVED, REJECTED -> "decided_at";
      case ACTIVE -> "activated_at";
      case SUPERSEDED -> "superseded_at";
      case DRAFT -> throw new IllegalArgumentException("No version goes back to DRAFT");
    };
    return jdbc.sql("update manifest_versions set state = ?, " + stamp + " = ? where id = ? and state = ?")
        .params(to.name(), Timestamp.from(at), versionId, from.name()).update() == 1;
  }

  boolean separateActivation(long projectId) {
    return jdbc.sql("select separate_activation from projects where id = ?").param(projectId)
        .query(Boolean.class).single();
  }

  private static ManifestVersion map(ResultSet rs, int row) throws SQLException {
    return new ManifestVersion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
        ManifestState.valueOf(rs.getString(6)), ManifestCodec.displayHash(rs.getString(7)), rs.getInt(8),
        rs.getLong(9), rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), instant(rs, 14),
        instant(rs, 15));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
