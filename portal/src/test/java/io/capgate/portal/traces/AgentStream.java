package io.capgate.portal.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.ServiceDrops;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.TestAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An enrolled agent streaming over a real TLS session into the portal, the way the gateway receives data: each
 * record gets the next sequence number, and {@link #flush()} waits for the portal's ACK (the rows are committed and
 * {@code ViolationReceived} published by then).
 */
public final class AgentStream implements AutoCloseable {

  /** A frame every test stack has. */
  public static final List<StackFrame> STACK = List.of(new StackFrame("/srv/app/main.py", "handler", 42),
      new StackFrame("/srv/app/server.py", "serve", 7));

  private final TestAgent agent;
  private final GatewayTestSupport.Enrolled enrolled;
  private long sequence;
  private long first;

  public AgentStream(GatewayTestSupport support, GatewayTestSupport.Enrolled enrolled) {
    this(support, enrolled, 0);
  }

  /** A new session of an agent that already sent {@code storedThrough} records. */
  public AgentStream(GatewayTestSupport support, GatewayTestSupport.Enrolled enrolled, long storedThrough) {
    this.enrolled = enrolled;
    this.agent = support.openSession(enrolled);
    this.sequence = storedThrough;
    this.first = storedThrough + 1;
  }

  public String agentId() {
    return enrolled.agentId();
  }

  /** One aggregated observation; {@code program} only for exec. */
  public AgentStream observe(long service, String module, String syscall, String program, long count,
      long firstMillis, long lastMillis) {
    long seq = ++sequence;
    agent.send(new ObservationBatch(seq + 1000, seq, List.of(new ObservationEntry(Long.toString(service), module,
        syscall, Optional.ofNullable(program), count, firstMillis, lastMillis, STACK))));
    return this;
  }

  /** One violation; returns its key ({@code agentId:sequence}) as the live page shows it. */
  public String violation(long service, String module, String syscall, ViolationAction action, long atMillis) {
    long seq = ++sequence;
    agent.send(new Violation(seq + 1000, seq, Long.toString(service), 4242, 4243, atMillis, module, syscall, 59,
        action, STACK, "pid 4242 ran " + syscall));
    return enrolled.agentId() + ":" + seq;
  }

  public AgentStream drops(long service, long observations, long violations, long kernelEvents, long fromMillis,
      long toMillis) {
    long seq = ++sequence;
    agent.send(new DropReport(seq + 1000, seq, fromMillis, toMillis,
        List.of(new ServiceDrops(Long.toString(service), observations, violations, kernelEvents))));
    return this;
  }

  /** Waits until the portal acknowledged everything sent; fails on any ERROR. */
  public void flush() {
    var errors = new ArrayList<ErrorReply>();
    long acked = 0;
    if (sequence == first - 1) {
      return; // nothing sent, so no ACK will come
    }
    while (acked < sequence) {
      AgentMessage message = agent.next(AgentMessage.class);
      switch (message) {
        case Ack ack -> acked = Math.max(acked, ack.upToSequence());
        case ErrorReply error -> errors.add(error);
        default -> throw new AssertionError("unexpected " + message);
      }
    }
    assertThat(errors).isEmpty();
  }

  @Override
  public void close() {
    agent.close();
  }
}
