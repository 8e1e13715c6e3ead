package io.capgate.agent.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.spool.Spool;
import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.CloseNotice;
import io.capgate.model.protocol.CloseReason;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.ProtocolFixtures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session handler alone, on an EmbeddedChannel: the spool work runs inline. */
class SessionHandlerTest {

    @TempDir
    Path dir;

    private Spool spool;
    private EmbeddedChannel channel;
    private SessionHandler handler;
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<HelloAck> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        spool = ClientFixtures.spool(dir);
        Sender sender = new Sender(spool, Runnable::run, 2, Duration.ofSeconds(5), Duration.ofHours(1),
                Clock.systemUTC(), lines::add);
        handler = new SessionHandler(new SessionHandler.Identity(ClientFixtures.AGENT_ID,
                "0.1.0-test", ProtocolFixtures.aHost()), sender, Clock.systemUTC(), Duration.ofSeconds(30),
                new SessionHandler.Events() {
                    @Override
                    public void opened(HelloAck ack) {
                        opened.add(ack);
                    }

                    @Override
                    public void refused(String why) {
                        refusals.add(why);
                    }

                    @Override
                    public void assignments(Assignments assignments) {
                        lines.add("assignments " + assignments.revision());
                    }

                    @Override
                    public void log(String line) {
                        lines.add(line);
                    }
                });
        channel = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>() {
            @Override
            protected void initChannel(EmbeddedChannel ch) {
                ch.pipeline().addLast(AgentChannelInitializer.IDLE, new ChannelInboundHandlerAdapter())
                        .addLast("session", handler);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.finishAndReleaseAll();
        spool.close();
    }

    /** The next message written; spooled records go out as frames (bytes), decoded here. */
    private AgentMessage written() {
        channel.runPendingTasks();
        Object out = channel.readOutbound();
        if (out instanceof ByteBuf frame) {
            try {
                return MessageDecoder.decode(frame);
            } finally {
                frame.release();
            }
        }
        return (AgentMessage) out;
    }

    private void open(long lastStored) {
        assertThat(written()).isInstanceOf(Hello.class);
        channel.writeInbound(new HelloAck(1, 1, Duration.ofSeconds(10), ProtocolFixtures.NOW_MILLIS, lastStored));
    }

    @Test
    void saysHelloFirst() {
        Hello hello = (Hello) written();
        assertThat(hello.requestId()).isEqualTo(1);
        assertThat(hello.agentVersion()).isEqualTo("0.1.0-test");
        assertThat(hello.host()).isEqualTo(ProtocolFixtures.aHost());
    }

    @Test
    void sendsAHeartbeatWhenNothingWasWrittenButOnlyOnceOpen() {
        assertThat(written()).isInstanceOf(Hello.class);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertThat(written()).isNull();

        channel.writeInbound(new HelloAck(1, 1, Duration.ofSeconds(10), ProtocolFixtures.NOW_MILLIS, 0));
        assertThat(opened).hasSize(1);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertThat(written()).isInstanceOfSatisfying(Heartbeat.class, h -> assertThat(h.requestId()).isEqualTo(2));
    }

    @Test
    void closesWhenNothingWasRead() {
        open(0);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
        assertThat(lines).anyMatch(l -> l.startsWith("nothing read from the portal for 30 s"));
        assertThat(refusals).isEmpty();
    }

    @Test
    void unauthorizedIsARefusal() {
        written();
        channel.writeInbound(new ErrorReply(1, ErrorCode.UNAUTHORIZED, "agent id mismatch"));
        assertThat(refusals).singleElement().asString().contains("UNAUTHORIZED: agent id mismatch");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void revokedIsARefusalButShuttingDownIsNot() {
        open(0);
        channel.writeInbound(new CloseNotice(5, CloseReason.SHUTTING_DOWN, "restart"));
        assertThat(refusals).isEmpty();
        assertThat(channel.isOpen()).isFalse();

        setUpQuietly();
        open(0);
        channel.writeInbound(new CloseNotice(5, CloseReason.REVOKED, ""));
        assertThat(refusals).singleElement().asString().contains("REVOKED").contains("enroll the agent again");
    }

    @Test
    void somethingBeforeHelloAckIsAnsweredAsUnexpected() {
        written();
        channel.writeInbound(ProtocolFixtures.anAssignments());
        assertThat(written()).isInstanceOfSatisfying(ErrorReply.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void assignmentsGoToTheDaemonWhichReportsStatusesOnlyOnAnOpenSession() {
        List<ProtectionStatus> statuses = ProtocolFixtures.anAssignmentStatus().statuses();
        assertThat(handler.report(channel, 3, statuses)).as("not open yet").isFalse();
        open(0);
        channel.writeInbound(ProtocolFixtures.anAssignments());
        assertThat(lines).contains("assignments " + ProtocolFixtures.anAssignments().revision());
        assertThat(written()).as("the handler does not answer for the daemon").isNull();

        assertThat(handler.report(channel, 3, statuses)).isTrue();
        assertThat(written()).isInstanceOfSatisfying(AssignmentStatus.class, status -> {
            assertThat(status.revision()).isEqualTo(3);
            assertThat(status.statuses()).isEqualTo(statuses);
        });
    }

    @Test
    void streamsTheSpoolWithinTheWindowAndAcknowledgesIt() throws Exception {
        ClientFixtures.append(spool, 5);
        open(1);
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(2));
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(3));
        assertThat(written()).as("the window is 2").isNull();

        channel.writeInbound(new Ack(9, 3, List.of()));
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(4));
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(5));
        assertThat(spool.acknowledged()).isEqualTo(3);
    }

    @Test
    void anInternalErrorFromThePortalReplaysWhatIsUnacknowledged() throws Exception {
        ClientFixtures.append(spool, 3);
        open(0);
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(1));
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(2));
        channel.writeInbound(new Ack(7, 1, List.of()));
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(3));

        channel.writeInbound(new ErrorReply(4, ErrorCode.INTERNAL, "storing failed; it will be replayed"));
        assertThat(written()).as("a pause first").isNull();
        channel.advanceTimeBy(6, java.util.concurrent.TimeUnit.SECONDS); // past the poll, before any idle timeout
        channel.runScheduledPendingTasks();
        assertThat(written()).as("%s", lines).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(2));
        assertThat(written()).isInstanceOfSatisfying(ObservationBatch.class,
                b -> assertThat(b.sequence()).isEqualTo(3));
        assertThat(channel.isOpen()).isTrue();
    }

    private void setUpQuietly() {
        try {
            tearDown();
            refusals.clear();
            setUp();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
