package io.capgate.model.protocol;

/**
 * Routes each message to its per-feature body writer and reader. The write switch is exhaustive over the sealed
 * {@link AgentMessage} hierarchy and the read switch over {@link MessageType}, so a new type that is not wired up
 * fails to compile.
 */
final class Bodies {

    private Bodies() {
    }

    static void write(WireWriter w, AgentMessage message) {
        switch (message) {
            case Hello m -> SessionBodies.writeHello(w, m);
            case HelloAck m -> SessionBodies.writeHelloAck(w, m);
            case Heartbeat m -> SessionBodies.writeHeartbeat(w, m);
            case CloseNotice m -> SessionBodies.writeCloseNotice(w, m);
            case ErrorReply m -> SessionBodies.writeError(w, m);
            case EnrollRequest m -> EnrollmentBodies.writeEnrollRequest(w, m);
            case EnrollAccepted m -> EnrollmentBodies.writeEnrollAccepted(w, m);
            case Assignments m -> SupervisionBodies.writeAssignments(w, m);
            case AssignmentStatus m -> SupervisionBodies.writeAssignmentStatus(w, m);
            case ObservationBatch m -> StreamingBodies.writeObservationBatch(w, m);
            case Violation m -> StreamingBodies.writeViolation(w, m);
            case DropReport m -> StreamingBodies.writeDropReport(w, m);
            case Ack m -> StreamingBodies.writeAck(w, m);
        }
    }

    static AgentMessage read(MessageType type, long requestId, WireReader r) {
        return switch (type) {
            case HELLO -> SessionBodies.readHello(requestId, r);
            case HELLO_ACK -> SessionBodies.readHelloAck(requestId, r);
            case HEARTBEAT -> SessionBodies.readHeartbeat(requestId, r);
            case CLOSE_NOTICE -> SessionBodies.readCloseNotice(requestId, r);
            case ERROR -> SessionBodies.readError(requestId, r);
            case ENROLL_REQUEST -> EnrollmentBodies.readEnrollRequest(requestId, r);
            case ENROLL_ACCEPTED -> EnrollmentBodies.readEnrollAccepted(requestId, r);
            case ASSIGNMENTS -> SupervisionBodies.readAssignments(requestId, r);
            case ASSIGNMENT_STATUS -> SupervisionBodies.readAssignmentStatus(requestId, r);
            case OBSERVATION_BATCH -> StreamingBodies.readObservationBatch(requestId, r);
            case VIOLATION -> StreamingBodies.readViolation(requestId, r);
            case DROP_REPORT -> StreamingBodies.readDropReport(requestId, r);
            case ACK -> StreamingBodies.readAck(requestId, r);
        };
    }
}
