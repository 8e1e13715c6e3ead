package io.capgate.portal.agents;

import io.capgate.model.protocol.HostFacts;
import io.capgate.portal.agents.EnrollmentRefusedException.Reason;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The side of agent enrollment and sessions that the gateway calls for connections authenticated by TLS (or, for
 * enrollment, by the token's secret), not by a person: so these methods carry no {@code @PreAuthorize}. They
 * block on the database and must not run on a Netty event loop.
 */
@Service
public class AgentEnrollment {

  private static final Actor GATEWAY = Actor.system("gateway");

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  AgentEnrollment(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Redeems an enrollment token: in one transaction, checks the token (known, not revoked, unused, unexpired),
   * has {@code issuer} sign the new agent's certificate, registers the agent and marks the token used. If the
   * issuer throws, nothing is written and the token stays usable.
   *
   * @param secret the secret part of the token the agent presented
   * @throws EnrollmentRefusedException when the token cannot be redeemed
   */
  @Transactional
  public EnrolledAgent enroll(String secret, HostFacts host, CertificateIssuer issuer) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var token = jdbc.sql("""
        select id, organization_id, project_id, expires_at, used_at, revoked_at
        from enrollment_tokens where secret_sha256 = ? for update""")
        .param(Secrets.sha256Hex(secret))
        .query((rs, row) -> new TokenRow(rs.getLong(1), rs.getLong(2), rs.getLong(3),
            Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at"), Sql.instant(rs, "revoked_at")))
        .optional()
        .orElseThrow(() -> new EnrollmentRefusedException(Reason.TOKEN_INVALID, "unknown enrollment token"));
    token.check(now);
    String agentId = Secrets.newAgentId(random);
    var chain = issuer.issue(agentId);
    X509Certificate certificate = chain.getFirst();
    jdbc.sql("""
        insert into agents (id, organization_id, project_id, enrollment_token_id, host_name, kernel,
                            bpftrace_version, python_versions, certificate_serial, certificate_sha256,
                            certificate_not_after, enrolled_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(agentId, token.organizationId(), token.projectId(), token.id(), host.hostname(), host.kernel(),
            host.bpftraceVersion().orElse(null), host.pythonVersions().toArray(String[]::new),
            serialHex(certificate), sha256Hex(certificate), Sql.at(certificate.getNotAfter().toInstant()),
            Sql.at(now))
        .update();
    jdbc.sql("update enrollment_tokens set used_at = ?, used_by_agent = ? where id = ?")
        .params(Sql.at(now), agentId, token.id()).update();
    audit(token, agentId, host, certificate);
    return new EnrolledAgent(agentId, token.organizationId(), token.projectId(), chain);
  }

  /**
   * The agent presenting this certificate, if it may open a session: the agent exists, is not revoked, and the
   * serial is that of its current certificate. Read from the database on every call, so a revocation holds for
   * the next connection at once.
   */
  @Transactional(readOnly = true)
  public Optional<AgentIdentity> authenticate(String agentId, String certificateSerialHex) {
    return jdbc.sql("""
        select id, organization_id, project_id from agents
        where id = ? and certificate_serial = ? and revoked_at is null""")
        .params(agentId, certificateSerialHex)
        .query((rs, row) -> new AgentIdentity(rs.getString(1), rs.getLong(2), rs.getLong(3))).optional();
  }

  /** Records what the agent said in its HELLO: its version and current host facts; it was seen now. */
  @Transactional
  public void recordHello(String agentId, String agentVersion, HostFacts host) {
    jdbc.sql("""
        update agents set agent_version = ?, host_name = ?, kernel = ?, bpftrace_version = ?, python_versions = ?,
                          last_seen_at = ?
        where id = ?""")
        .params(agentVersion, host.hostname(), host.kernel(), host.bpftraceVersion().orElse(null),
            host.pythonVersions().toArray(String[]::new), Sql.at(clock.instant()), agentId)
        .update();
  }

  /** Records when agents were last heard from, in one statement; an older time never replaces a newer one. */
  @Transactional
  public void recordLastSeen(Map<String, Instant> lastSeen) {
    if (lastSeen.isEmpty()) {
      return;
    }
    String[] ids = lastSeen.keySet().toArray(String[]::new);
    String[] times = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      times[i] = lastSeen.get(ids[i]).toString();
    }
    jdbc.sql("""
        update agents a set last_seen_at = greatest(a.last_seen_at, v.seen)
        from unnest(?::text[], ?::timestamptz[]) as v(id, seen)
        where a.id = v.id""")
        .params(ids, times).update();
  }

  /** Lowercase hex of a certificate's serial number, as stored. */
  public static String serialHex(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16);
  }

  /** Lowercase hex SHA-256 of a certificate's DER, as stored. */
  public static String sha256Hex(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint " + certificate.getSubjectX500Principal(), e);
    }
  }

  private void audit(TokenRow token, String agentId, HostFacts host, X509Certificate certificate) {
    var after = new LinkedHashMap<String, Object>();
    after.put("projectId", token.projectId());
    after.put("enrollmentTokenId", token.id());
    after.put("hostName", host.hostname());
    after.put("kernel", host.kernel());
    after.put("certificateSerial", serialHex(certificate));
    after.put("certificateSha256", sha256Hex(certificate));
    events.publishEvent(new AuditEvent(token.organizationId(), GATEWAY, "agent.enrolled", "agent", agentId,
        Map.of(), after));
  }

  private record TokenRow(long id, long organizationId, long projectId, Instant expiresAt, Instant usedAt,
      Instant revokedAt) {

    void check(Instant now) {
      if (revokedAt != null) {
        throw new EnrollmentRefusedException(Reason.TOKEN_INVALID, "the enrollment token was revoked");
      }
      if (usedAt != null) {
        throw new EnrollmentRefusedException(Reason.TOKEN_USED, "the enrollment token was already used");
      }
      if (!expiresAt.isAfter(now)) {
        throw new EnrollmentRefusedException(Reason.TOKEN_EXPIRED, "the enrollment token expired");
      }
    }
  }
}
