package io.capgate.portal.ingest;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.Violation;
import io.capgate.portal.agents.AgentIdentity;
import io.capgate.portal.gateway.AgentMessageSink;
import io.capgate.portal.gateway.AgentSession;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The gateway's sink for streaming data. A session's records are buffered until {@code capgate.ingest.batch-records}
 * records (observation entries count one each) or {@code capgate.ingest.batch-delay} after the first, then stored
 * in one transaction and answered with one cumulative ACK; refused records get a non-fatal ERROR each.
 * {@link io.capgate.portal.violations.ViolationReceived} is published after the commit.
 */
@Component
class IngestSink implements AgentMessageSink {

  private static final Logger log = LoggerFactory.getLogger(IngestSink.class);

  private final IngestStore store;
  private final ApplicationEventPublisher events;
  private final int batchRecords;
  private final Duration batchDelay;
  private final Map<AgentSession, Buffer> buffers = new ConcurrentHashMap<>();
  private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("ingest-flush").daemon().factory());

  IngestSink(IngestStore store, ApplicationEventPublisher events,
      @Value("${capgate.ingest.batch-records:4096}") int batchRecords,
      @Value("${capgate.ingest.batch-delay:50ms}") Duration batchDelay) {
    this.store = store;
    this.events = events;
    this.batchRecords = batchRecords;
    this.batchDelay = batchDelay;
  }

  @Override
  public void accept(AgentSession session, AgentMessage message) {
    if (!(message instanceof SequencedMessage record)) {
      // ASSIGNMENT_STATUS belongs to the assignment feature, which does not exist yet.
      session.send(ErrorReply.of(message.requestId(), ErrorCode.UNSUPPORTED_TYPE,
          message.type() + " is not stored by this portal yet"));
      return;
    }
    var buffer = buffers.computeIfAbsent(session, Buffer::new);
    synchronized (buffer) {
      buffer.records.add(record);
      buffer.size += size(record);
      if (buffer.size >= batchRecords) {
        flush(buffer);
      } else if (buffer.timer == null) {
        buffer.timer = schedule(buffer);
      }
    }
  }

  @Override
  public long lastStoredSequence(AgentIdentity agent) {
    return store.storedThrough(agent.agentId());
  }

  /** What the closed session left buffered is still stored: it was received, and the agent will not resend it. */
  @Override
  public void sessionClosed(AgentSession session) {
    var buffer = buffers.remove(session);
    if (buffer != null) {
      synchronized (buffer) {
        flush(buffer);
      }
    }
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private ScheduledFuture<?> schedule(Buffer buffer) {
    try {
      return timer.schedule(() -> timedFlush(buffer), batchDelay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      flush(buffer); // stopping: store now
      return null;
    }
  }

  private void timedFlush(Buffer buffer) {
    synchronized (buffer) {
      try {
        flush(buffer);
      } catch (RuntimeException e) {
        log.warn("Storing data of agent {} failed: {}", buffer.session.agentId(), e.toString());
        buffer.session.send(ErrorReply.of(0, ErrorCode.INTERNAL, "the portal could not store data; it will be "
            + "replayed"));
      }
    }
  }

  /** Stores what is buffered (caller holds the buffer's lock) and answers the agent. */
  private void flush(Buffer buffer) {
    if (buffer.timer != null) {
      buffer.timer.cancel(false);
      buffer.timer = null;
    }
    if (buffer.records.isEmpty()) {
      return;
    }
    List<SequencedMessage> records = new ArrayList<>(buffer.records);
    buffer.records.clear();
    buffer.size = 0;
    var session = buffer.session;
    var result = store.store(new AgentIdentity(session.agentId(), session.organizationId(), session.projectId()),
        records);
    result.violations().forEach(events::publishEvent);
    for (var refusal : result.refusals()) {
      if (loggedRefusals.add(session.agentId() + " " + refusal.consumed())) {
        log.warn("Agent {}: {}", session.agentId(), refusal.why());
      }
      session.send(ErrorReply.of(refusal.requestId(), ErrorCode.UNEXPECTED_MESSAGE, refusal.why()));
    }
    if (result.storedThrough() > 0 && session.isOpen()) {
      session.send(new Ack(session.nextRequestId(), result.storedThrough(), List.of()));
    }
  }

  private static int size(SequencedMessage record) {
    return switch (record) {
      case ObservationBatch batch -> batch.entries().size();
      case Violation violation -> 1;
      case DropReport report -> report.services().size();
    };
  }

  /** A session's records not yet stored; guarded by its own monitor. */
  private static final class Buffer {
    final AgentSession session;
    final List<SequencedMessage> records = new ArrayList<>();
    int size;
    ScheduledFuture<?> timer;

    Buffer(AgentSession session) {
      this.session = session;
    }
  }
}
