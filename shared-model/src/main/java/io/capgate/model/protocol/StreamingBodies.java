package io.capgate.model.protocol;

/** Wire form of the streaming messages: ObservationBatch, Violation, DropReport and Ack. */
final class StreamingBodies {

    private StreamingBodies() {
    }

    static void writeObservationBatch(WireWriter w, ObservationBatch m) {
        w.i64(m.sequence());
        w.list(m.entries(), StreamingBodies::writeEntry);
    }

    static ObservationBatch readObservationBatch(long requestId, WireReader r) {
        return new ObservationBatch(requestId,
                r.i64("sequence"),
                r.list("entries", Limits.MAX_LIST_ENTRIES, StreamingBodies::readEntry));
    }

    static void writeViolation(WireWriter w, Violation m) {
        w.i64(m.sequence());
        w.string(m.serviceId());
        w.i32(m.pid());
        w.i32(m.tid());
        w.i64(m.timeMillis());
        w.string(m.module());
        w.string(m.syscall());
        w.i32(m.syscallNumber());
        w.u8(m.action().id());
        w.list(m.stack(), CommonBodies::writeStackFrame);
        w.string(m.detail());
    }

    static Violation readViolation(long requestId, WireReader r) {
        return new Violation(requestId,
                r.i64("sequence"),
                r.string("serviceId", Limits.MAX_ID_BYTES),
                r.i32("pid"),
                r.i32("tid"),
                r.i64("timeMillis"),
                r.string("module", Limits.MAX_NAME_BYTES),
                r.string("syscall", Limits.MAX_NAME_BYTES),
                r.i32("syscallNumber"),
                r.u8Enum("action", ViolationAction::byId),
                r.list("stack", Limits.MAX_STACK_FRAMES, CommonBodies::readStackFrame),
                r.string("detail", Limits.MAX_TEXT_BYTES));
    }

    static void writeDropReport(WireWriter w, DropReport m) {
        w.i64(m.sequence());
        w.i64(m.fromMillis());
        w.i64(m.toMillis());
        w.list(m.services(), (sw, s) -> {
            sw.string(s.serviceId());
            sw.i64(s.observationsDropped());
            sw.i64(s.violationsDropped());
            sw.i64(s.kernelEventsLost());
        });
    }

    static DropReport readDropReport(long requestId, WireReader r) {
        return new DropReport(requestId,
                r.i64("sequence"),
                r.i64("fromMillis"),
                r.i64("toMillis"),
                r.list("services", Limits.MAX_LIST_ENTRIES, sr -> new ServiceDrops(
                        sr.string("serviceId", Limits.MAX_ID_BYTES),
                        sr.i64("observationsDropped"),
                        sr.i64("violationsDropped"),
                        sr.i64("kernelEventsLost"))));
    }

    static void writeAck(WireWriter w, Ack m) {
        w.i64(m.upToSequence());
        w.list(m.requestIds(), WireWriter::i64);
    }

    static Ack readAck(long requestId, WireReader r) {
        return new Ack(requestId,
                r.i64("upToSequence"),
                r.list("requestIds", Limits.MAX_LIST_ENTRIES, entry -> entry.i64("requestId")));
    }

    private static void writeEntry(WireWriter w, ObservationEntry e) {
        w.string(e.serviceId());
        w.string(e.module());
        w.string(e.syscall());
        w.optionalString(e.program());
        w.i64(e.count());
        w.i64(e.firstSeenMillis());
        w.i64(e.lastSeenMillis());
        w.list(e.sampleStack(), CommonBodies::writeStackFrame);
    }

    private static ObservationEntry readEntry(WireReader r) {
        return new ObservationEntry(
                r.string("serviceId", Limits.MAX_ID_BYTES),
                r.string("module", Limits.MAX_NAME_BYTES),
                r.string("syscall", Limits.MAX_NAME_BYTES),
                r.optionalString("program", Limits.MAX_PATH_BYTES),
                r.i64("count"),
                r.i64("firstSeenMillis"),
                r.i64("lastSeenMillis"),
                r.list("sampleStack", Limits.MAX_STACK_FRAMES, CommonBodies::readStackFrame));
    }
}
