package io.capgate.portal.gateway;

import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.SignedManifest;
import io.capgate.portal.agents.AgentAssignmentsChanged;
import io.capgate.portal.agents.AssignmentDistribution;
import io.capgate.portal.agents.AssignmentSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends agents their complete {@code ASSIGNMENTS}: when a session opens, and after every committed change
 * ({@link AgentAssignmentsChanged}) to the agent's live session. Each service with an ACTIVE manifest carries it
 * as a {@link SignedManifest}: the canonical JSON's UTF-8 bytes signed by the {@link ManifestSigner}, whose
 * public key the agent received in {@code ENROLL_ACCEPTED}. The database read runs on the connection's serial
 * queue, so pushes reach the agent in the order they were decided and never on an event loop.
 */
@Component
public class AssignmentPusher {

  private static final Logger log = LoggerFactory.getLogger(AssignmentPusher.class);
  /** Frame header, revision and list length, with room to spare. */
  private static final long FRAME_OVERHEAD = 64;

  private final AssignmentDistribution distribution;
  private final ManifestSigner signer;
  private final LiveSessions sessions;

  AssignmentPusher(AssignmentDistribution distribution, ManifestSigner signer, LiveSessions sessions) {
    this.distribution = distribution;
    this.signer = signer;
    this.sessions = sessions;
  }

  /** Pushes the agent's new assignments once the change committed; an agent without a live session gets them at HELLO. */
  @TransactionalEventListener(fallbackExecution = true)
  void on(AgentAssignmentsChanged changed) {
    sessions.connection(changed.agentId()).ifPresent(this::schedule);
  }

  /** Queues a push on the connection's database queue; an overloaded pool leaves it to the next change or HELLO. */
  void schedule(Connection connection) {
    if (!connection.submit(() -> push(connection))) {
      log.warn("The gateway's database pool is full: agent {} gets its assignments with the next change or "
          + "connection", connection.agentId());
    }
  }

  /** Reads, signs and sends the agent's complete assignments; blocks on the database. */
  void push(AgentSession session) {
    if (!session.isOpen()) {
      return;
    }
    session.send(assignments(session.nextRequestId(), distribution.current(session.agentId())));
  }

  /**
   * The frame for a set of assignments. Services that cannot be expressed on the wire, or no longer fit in one
   * frame, are left out and logged: sending the rest keeps every other service supervised.
   */
  Assignments assignments(long requestId, AssignmentSet set) {
    List<ServiceAssignment> services = new ArrayList<>();
    long frameBytes = FRAME_OVERHEAD;
    for (var entry : set.services()) {
      ServiceAssignment assignment;
      try {
        assignment = assignment(entry);
      } catch (IllegalArgumentException e) {
        // A value the protocol cannot carry (an overlong regex, a manifest over 64 KiB).
        log.error("Service {} cannot be sent to agent {}: {}", entry.serviceId(), set.agentId(), e.getMessage());
        continue;
      }
      long size = encodedSizeAtMost(assignment);
      if (frameBytes + size > Framing.MAX_FRAME_BYTES) {
        log.error("Service {} does not fit in the ASSIGNMENTS frame of agent {} ({} services, {} bytes so far): "
            + "assign fewer services with large manifests to one agent", entry.serviceId(), set.agentId(),
            services.size(), frameBytes);
        continue;
      }
      frameBytes += size;
      services.add(assignment);
    }
    return new Assignments(requestId, set.revision(), services);
  }

  /** An upper bound of one service's encoded size: its strings and byte fields with their length prefixes. */
  private static long encodedSizeAtMost(ServiceAssignment assignment) {
    long size = 16 + utf8(assignment.serviceId()) + utf8(assignment.name());
    size += switch (assignment.matcher()) {
      case ProcessMatcher.Executable executable -> 8 + utf8(executable.path()) + utf8(executable.argumentRegex());
      case ProcessMatcher.SystemdUnit unit -> 8 + utf8(unit.unit());
    };
    return size + assignment.manifest().map(m -> 32 + utf8(m.versionId()) + m.manifest().length()
        + m.signature().length() + utf8(m.signingKeyId())).orElse(0L);
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private ServiceAssignment assignment(AssignmentSet.Entry entry) {
    Optional<SignedManifest> manifest = entry.manifest().map(this::signed);
    ServiceMode mode = entry.mode();
    if (manifest.isEmpty() && mode != ServiceMode.OBSERVE) {
      // Assignments refuse an enforcing mode without an active version, and active versions are only ever
      // replaced by newer ones; should the rows say otherwise, observing is the safe reading.
      log.error("Service {} is assigned in {} without an active manifest; sending OBSERVE", entry.serviceId(), mode);
      mode = ServiceMode.OBSERVE;
    }
    return new ServiceAssignment(Long.toString(entry.serviceId()), entry.name(), matcher(entry), mode, manifest);
  }

  private SignedManifest signed(AssignmentSet.ActiveManifest active) {
    byte[] canonical = active.canonicalJson().getBytes(StandardCharsets.UTF_8);
    return new SignedManifest(Long.toString(active.versionId()), Bytes.of(canonical), Bytes.of(signer.sign(canonical)),
        signer.keyId());
  }

  private static ProcessMatcher matcher(AssignmentSet.Entry entry) {
    if (entry.systemdUnit() != null) {
      return new ProcessMatcher.SystemdUnit(entry.systemdUnit());
    }
    return new ProcessMatcher.Executable(entry.matchExecutable(),
        entry.matchArguments() == null ? "" : entry.matchArguments());
  }
}
