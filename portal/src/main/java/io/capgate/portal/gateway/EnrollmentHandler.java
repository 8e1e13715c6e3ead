package io.capgate.portal.gateway;

import java.util.List;

import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.ManifestKey;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.EnrolledAgent;
import io.capgate.portal.agents.EnrollmentRefusedException;
import io.capgate.portal.gateway.pki.CsrRejectedException;
import io.capgate.portal.gateway.pki.PortalPki;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENROLL_REQUEST on a connection without a client certificate: redeem the token and sign the CSR in one
 * transaction ({@link AgentEnrollment#enroll}), answer ENROLL_ACCEPTED with the agent id and certificate chain,
 * or an ERROR with the token or CSR code; the connection closes either way.
 */
final class EnrollmentHandler {

  private static final Logger log = LoggerFactory.getLogger(EnrollmentHandler.class);

  private final AgentEnrollment agents;
  private final PortalPki pki;
  private final ManifestSigner signer;
  private final RateLimitedLog refusals;

  EnrollmentHandler(AgentEnrollment agents, PortalPki pki, ManifestSigner signer, RateLimitedLog refusals) {
    this.signer = signer;
    this.agents = agents;
    this.pki = pki;
    this.refusals = refusals;
  }

  void handle(Connection connection, EnrollRequest request) {
    connection.state(Connection.State.ENROLLING);
    EnrollmentTokenFormat.Token token;
    try {
      token = EnrollmentTokenFormat.parse(request.token());
    } catch (EnrollmentTokenFormat.InvalidTokenException e) {
      refuse(connection, new ErrorReply(request.requestId(), ErrorCode.ENROLLMENT_TOKEN_INVALID,
          "the enrollment token is malformed"));
      return;
    }
    byte[] csr = request.csr().toArray();
    connection.callDatabase(
        () -> agents.enroll(token.secret(), request.host(), agentId -> pki.issueClientCertificate(agentId, csr)),
        enrolled -> accept(connection, request, enrolled),
        failure -> refuse(connection, errorFor(request.requestId(), failure)));
  }

  private void accept(Connection connection, EnrollRequest request, EnrolledAgent enrolled) {
    log.info("Enrolled agent {} on {} into project {} from {}", enrolled.agentId(), request.host().hostname(),
        enrolled.projectId(), connection.remoteAddress());
    connection.replyAndClose(new EnrollAccepted(request.requestId(), enrolled.agentId(),
        enrolled.certificateChain().stream().map(EnrollmentHandler::der).toList(),
        List.of(new ManifestKey(signer.keyId(), Bytes.of(signer.publicKeyDer())))));
  }

  private void refuse(Connection connection, ErrorReply error) {
    refusals.warn(connection.remoteAddress(), "enrollment refused, {}: {}", error.code(), error.message());
    connection.replyAndClose(error);
  }

  private static ErrorReply errorFor(long requestId, Throwable failure) {
    return switch (failure) {
      case EnrollmentRefusedException refused -> new ErrorReply(requestId, switch (refused.reason()) {
        case TOKEN_INVALID -> ErrorCode.ENROLLMENT_TOKEN_INVALID;
        case TOKEN_EXPIRED -> ErrorCode.ENROLLMENT_TOKEN_EXPIRED;
        case TOKEN_USED -> ErrorCode.ENROLLMENT_TOKEN_USED;
      }, refused.getMessage());
      case CsrRejectedException rejected -> ErrorReply.of(requestId, ErrorCode.CSR_REJECTED, rejected.getMessage());
      case RejectedExecutionException busy -> new ErrorReply(requestId, ErrorCode.INTERNAL,
          "the portal is busy; retry later");
      default -> {
        log.error("Enrollment failed", failure);
        yield new ErrorReply(requestId, ErrorCode.INTERNAL, "the portal could not enroll the agent; retry later");
      }
    };
  }

  private static Bytes der(X509Certificate certificate) {
    try {
      return Bytes.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("An issued certificate cannot be encoded", e);
    }
  }
}
