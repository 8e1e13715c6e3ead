package io.capgate.model.protocol;

import java.time.Duration;

/** Wire form of the session messages: Hello, HelloAck, Heartbeat, CloseNotice and Error. */
final class SessionBodies {

    private SessionBodies() {
    }

    static void writeHello(WireWriter w, Hello m) {
        w.u8(m.minVersion());
        w.u8(m.maxVersion());
        w.string(m.agentId());
        w.string(m.agentVersion());
        CommonBodies.writeHostFacts(w, m.host());
    }

    static Hello readHello(long requestId, WireReader r) {
        return new Hello(requestId,
                r.u8("minVersion"),
                r.u8("maxVersion"),
                r.string("agentId", Limits.MAX_ID_BYTES),
                r.string("agentVersion", Limits.MAX_NAME_BYTES),
                r.struct("host", CommonBodies::readHostFacts));
    }

    static void writeHelloAck(WireWriter w, HelloAck m) {
        w.u8(m.version());
        w.i32((int) m.heartbeatInterval().toMillis());
        w.i64(m.serverTimeMillis());
        w.i64(m.lastStoredSequence());
    }

    static HelloAck readHelloAck(long requestId, WireReader r) {
        return new HelloAck(requestId,
                r.u8("version"),
                Duration.ofMillis(Integer.toUnsignedLong(r.i32("heartbeatIntervalMillis"))),
                r.i64("serverTimeMillis"),
                r.i64("lastStoredSequence"));
    }

    static void writeHeartbeat(WireWriter w, Heartbeat m) {
        w.i64(m.sentAtMillis());
    }

    static Heartbeat readHeartbeat(long requestId, WireReader r) {
        return new Heartbeat(requestId, r.i64("sentAtMillis"));
    }

    static void writeCloseNotice(WireWriter w, CloseNotice m) {
        w.u8(m.reason().id());
        w.string(m.message());
    }

    static CloseNotice readCloseNotice(long requestId, WireReader r) {
        return new CloseNotice(requestId,
                r.u8Enum("reason", CloseReason::byId),
                r.string("message", Limits.MAX_TEXT_BYTES));
    }

    static void writeError(WireWriter w, ErrorReply m) {
        w.u16(m.code().id());
        w.string(m.message());
    }

    static ErrorReply readError(long requestId, WireReader r) {
        return new ErrorReply(requestId,
                r.u16Enum("code", ErrorCode::byId),
                r.string("message", Limits.MAX_TEXT_BYTES));
    }
}
