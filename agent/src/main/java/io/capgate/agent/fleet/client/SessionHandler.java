package io.capgate.agent.fleet.client;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.CloseNotice;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.HostFacts;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.ProtocolDecodeException;
import io.capgate.model.protocol.ProtocolVersion;
import io.capgate.model.protocol.SequencedMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One portal session: says HELLO when the connection is up, opens the session on HELLO_ACK and routes every
 * message with a switch over the sealed {@link AgentMessage}. Sends a HEARTBEAT when nothing was written for the
 * heartbeat interval, closes when nothing was read for the read idle timeout. A new handler per connection.
 */
final class SessionHandler extends SimpleChannelInboundHandler<AgentMessage> {

    /** What a session tells its connection. */
    interface Events {

        /** HELLO_ACK arrived: the session is open. */
        void opened(HelloAck ack);

        /** The portal refused this agent for good: do not reconnect. */
        void refused(String why);

        /** The portal sent the complete list of services to supervise. */
        void assignments(Assignments assignments);

        /** A line for the log. */
        void log(String line);
    }

    /** Who says hello. */
    record Identity(String agentId, String agentVersion, HostFacts host) {
    }

    private final Identity identity;
    private final Sender sender;
    private final Clock clock;
    private final Duration readIdle;
    private final Events events;
    private long nextRequestId = 1;
    private long helloId;
    private boolean open;

    SessionHandler(Identity identity, Sender sender, Clock clock, Duration readIdle, Events events) {
        super(AgentMessage.class);
        this.identity = identity;
        this.sender = sender;
        this.clock = clock;
        this.readIdle = readIdle;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // TLS holds this until the handshake is done; a failed handshake fails the write and closes.
        helloId = nextId();
        ctx.writeAndFlush(new Hello(helloId, ProtocolVersion.MIN_SUPPORTED, ProtocolVersion.MAX_SUPPORTED,
                identity.agentId(), identity.agentVersion(), identity.host()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            sender.stop();
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AgentMessage message) {
        switch (message) {
            case HelloAck ack -> opened(ctx, ack);
            case Heartbeat heartbeat -> { } // the portal's answer; any frame resets the read idle timer
            case Ack ack -> {
                if (open && ack.upToSequence() > 0) {
                    sender.acknowledged(ack.upToSequence());
                }
            }
            case Assignments assignments -> {
                if (open) {
                    events.assignments(assignments); // the daemon answers with ASSIGNMENT_STATUS via report()
                } else {
                    unexpected(ctx, message);
                }
            }
            case CloseNotice notice -> closeNotice(ctx, notice);
            case ErrorReply error -> error(ctx, error);
            case Hello h -> unexpected(ctx, h);
            case EnrollRequest r -> unexpected(ctx, r);
            case EnrollAccepted a -> unexpected(ctx, a);
            case AssignmentStatus s -> unexpected(ctx, s);
            case SequencedMessage s -> unexpected(ctx, s);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> {
                    if (open) {
                        ctx.writeAndFlush(new Heartbeat(nextId(), clock.millis()));
                    }
                }
                case READER_IDLE -> {
                    events.log("nothing read from the portal for " + readIdle.toSeconds() + " s; closing");
                    ctx.close();
                }
                case ALL_IDLE -> { }
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        switch (cause) {
            case ProtocolDecodeException e -> {
                events.log("the portal sent a frame this agent cannot read: " + e.getMessage());
                var reply = ctx.writeAndFlush(e.toErrorReply());
                if (e.errorCode().fatal()) {
                    reply.addListener(ChannelFutureListener.CLOSE);
                }
            }
            case TooLongFrameException e -> {
                events.log("the portal sent a frame over the size limit; closing");
                ctx.writeAndFlush(new ErrorReply(0, ErrorCode.TOO_LARGE, "frame over the limit"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            default -> {
                events.log("connection failed: " + describe(cause));
                ctx.close();
            }
        }
    }

    private void opened(ChannelHandlerContext ctx, HelloAck ack) {
        if (open || ack.requestId() != helloId) {
            unexpected(ctx, ack);
            return;
        }
        if (!ProtocolVersion.isSupported(ack.version())) {
            events.refused("the portal chose protocol version " + ack.version() + ", which this agent does not "
                    + "speak: upgrade the agent");
            ctx.close();
            return;
        }
        open = true;
        if (ack.version() != ProtocolVersion.CURRENT) {
            ctx.pipeline().replace(AgentChannelInitializer.MESSAGE_ENCODER, AgentChannelInitializer.MESSAGE_ENCODER,
                    new MessageEncoder(ack.version()));
        }
        ctx.pipeline().replace(AgentChannelInitializer.IDLE, AgentChannelInitializer.IDLE,
                AgentChannelInitializer.idleHandler(readIdle, ack.heartbeatInterval()));
        events.opened(ack);
        sender.start(ctx.channel(), ack.version(), ack.lastStoredSequence(), this::nextId);
    }

    private void closeNotice(ChannelHandlerContext ctx, CloseNotice notice) {
        if (!notice.reason().mayReconnect()) {
            events.refused("the portal closed the session: " + notice.reason() + " (" + notice.message()
                    + "); enroll the agent again");
        } else {
            events.log("the portal is closing the session: " + notice.reason()
                    + (notice.message().isEmpty() ? "" : " (" + notice.message() + ")"));
        }
        ctx.close();
    }

    private void error(ChannelHandlerContext ctx, ErrorReply error) {
        String detail = error.code() + (error.message().isEmpty() ? "" : ": " + error.message());
        switch (error.code()) {
            case UNAUTHORIZED -> {
                events.refused("the portal refused this agent (" + detail + "); its certificate may have been "
                        + "revoked: enroll the agent again with a new token");
                ctx.close();
            }
            case UNSUPPORTED_VERSION -> {
                events.refused("the portal speaks no protocol version this agent does (" + detail
                        + "); upgrade the agent or the portal");
                ctx.close();
            }
            case INTERNAL -> {
                events.log("the portal could not handle frame " + Long.toUnsignedString(error.requestId()) + " ("
                        + detail + "); sending the unacknowledged records again");
                if (open) {
                    sender.rewind();
                }
            }
            default -> {
                events.log("the portal answered frame " + Long.toUnsignedString(error.requestId()) + " with "
                        + detail);
                if (error.code().fatal()) {
                    ctx.close();
                }
            }
        }
    }

    private void unexpected(ChannelHandlerContext ctx, AgentMessage message) {
        events.log("unexpected " + message.type() + " from the portal" + (open ? "" : " before HELLO_ACK"));
        ctx.writeAndFlush(new ErrorReply(message.requestId(), ErrorCode.UNEXPECTED_MESSAGE,
                message.type() + " is not expected from the portal here"));
    }

    /**
     * Sends the agent's protection statuses when the session is open; otherwise they are not sent (the next
     * session reports afresh). Call on the channel's event loop.
     *
     * @return whether the frame was written
     */
    boolean report(Channel channel, long revision, List<ProtectionStatus> statuses) {
        if (!open || !channel.isActive()) {
            return false;
        }
        channel.writeAndFlush(new AssignmentStatus(nextId(), revision, statuses));
        return true;
    }

    private long nextId() {
        return nextRequestId++;
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause.getMessage()) : cause.getClass().getSimpleName() + ": "
                + root.getMessage();
    }
}
