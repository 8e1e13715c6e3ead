package io.capgate.portal.ingest;

import io.capgate.model.protocol.Ack;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The gateway's sink for streaming data, with group commit: {@link #accept} only buffers a session's record, and
 * one store task per session, on the ingest threads, takes everything buffered (up to
 * {@code capgate.ingest.batch-records} records, an observation entry counting one), stores it in one transaction,
 * answers with one cumulative ACK, and repeats while more arrived in the meantime. So a lone violation is stored
 * at once (no batching delay), and under load the batches grow by themselves to what arrived during the previous
 * store: the agent's window of unacknowledged records keeps refilling instead of waiting for a timer (a 50 ms
 * timer capped a 256-record window at ~5k records/s). Refused records get a non-fatal ERROR each.
 * {@link io.capgate.portal.violations.ViolationReceived} is published after the commit.
 *
 * <p>Backpressure: when a session has {@code 4 x batch-records} buffered, {@code accept} waits for its store task
 * to take some, which holds the gateway's queue for that connection and so, through its high-water mark, stops
 * reading from the agent's socket.
 */
@Component
class IngestSink implements AgentMessageSink {

  private static final Logger log = LoggerFactory.getLogger(IngestSink.class);

  private final IngestStore store;
  private final ApplicationEventPublisher events;
  private final int batchRecords;
  private final Map<AgentSession, Buffer> buffers = new ConcurrentHashMap<>();
  private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();
  private final ExecutorService storing;

  IngestSink(IngestStore store, ApplicationEventPublisher events,
      @Value("${capgate.ingest.batch-records:8192}") int batchRecords,
      @Value("${capgate.ingest.threads:2}") int threads) {
    this.store = store;
    this.events = events;
    this.batchRecords = batchRecords;
    this.storing = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("ingest-store-", 1).daemon()
        .factory());
  }

  @Override
  public void accept(AgentSession session, SequencedMessage record) {
    var buffer = buffers.computeIfAbsent(session, Buffer::new);
    if (buffer.add(record, size(record), 4L * batchRecords)) {
      try {
        storing.execute(() -> drain(buffer));
      } catch (RejectedExecutionException e) {
        drain(buffer); // the portal is stopping: store on this thread rather than strand the claim
      }
    }
  }

  @Override
  public long lastStoredSequence(AgentIdentity agent) {
    return store.storedThrough(agent.agentId());
  }

  /**
   * What the closed session left buffered is still stored (it was received, and the agent will not resend it);
   * this waits until its store task is done, so a reconnect's HELLO_ACK sees it.
   */
  @Override
  public void sessionClosed(AgentSession session) {
    var buffer = buffers.remove(session);
    if (buffer != null && buffer.claimIfIdle()) {
      drain(buffer);
    } else if (buffer != null) {
      buffer.awaitIdle();
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    storing.shutdown();
    if (!storing.awaitTermination(5, TimeUnit.SECONDS)) {
      storing.shutdownNow();
    }
  }

  /** The session's store task: stores what is buffered until nothing is. */
  private void drain(Buffer buffer) {
    List<SequencedMessage> records;
    while (!(records = buffer.take(batchRecords)).isEmpty()) {
      try {
        storeAndAnswer(buffer.session, records);
      } catch (RuntimeException e) {
        // Nothing of it committed; the agent rewinds on this ERROR and replays from its last ACK.
        log.warn("Storing data of agent {} failed: {}", buffer.session.agentId(), e.toString());
        buffer.session.send(ErrorReply.of(0, ErrorCode.INTERNAL, "the portal could not store data; it will be "
            + "replayed"));
      }
    }
  }

  private void storeAndAnswer(AgentSession session, List<SequencedMessage> records) {
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

  static int size(SequencedMessage record) {
    return switch (record) {
      case ObservationBatch batch -> batch.entries().size();
      case Violation violation -> 1;
      case DropReport report -> report.services().size();
    };
  }
}
