package io.capgate.model.protocol;

import static io.capgate.model.protocol.ProtocolFixtures.NOW_MILLIS;
import static io.capgate.model.protocol.ProtocolFixtures.SERVICE_ID;
import static io.capgate.model.protocol.ProtocolFixtures.aHost;
import static io.capgate.model.protocol.ProtocolFixtures.anEnrollAccepted;
import static io.capgate.model.protocol.ProtocolFixtures.aServiceAssignment;
import static io.capgate.model.protocol.ProtocolFixtures.aStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Message constructors reject what must never be encoded, with messages that name the field and the limit. */
class MessageValidationTest {

    @Test
    void rejectsNullsByName() {
        assertThatThrownBy(() -> new Hello(1, 1, 1, null, "0.1.0", aHost()))
                .isInstanceOf(NullPointerException.class).hasMessage("agentId must not be null");
        assertThatThrownBy(() -> new HostFacts("h", "k", Optional.empty(), Arrays.asList("3.11", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("pythonVersions[1] must not be null");
        assertThatThrownBy(() -> new CloseNotice(1, null, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("reason must not be null");
        assertThatThrownBy(() -> new ObservationEntry(SERVICE_ID, "m", "openat", null, 1, 0, 0, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("program must not be null");
    }

    @Test
    void rejectsNegativeCountsAndNumbers() {
        assertThatThrownBy(() -> new ServiceDrops(SERVICE_ID, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("observationsDropped must be >= 0, got -1");
        assertThatThrownBy(() -> new ObservationEntry(SERVICE_ID, "m", "openat", Optional.empty(), 0, 0, 0, List.of()))
                .hasMessage("count must be >= 1, got 0");
        assertThatThrownBy(() -> violation(0, aStack(), "")).hasMessage("pid must be >= 1, got 0");
        assertThatThrownBy(() -> new Heartbeat(1, -1)).hasMessage("sentAtMillis (epoch milliseconds) must be >= 0, got -1");
        assertThatThrownBy(() -> new ObservationBatch(1, 0, ProtocolFixtures.anObservationBatch().entries()))
                .hasMessage("sequence must be >= 1, got 0");
    }

    @Test
    void limitsCountUtf8BytesNotChars() {
        String fits = "é".repeat(127);
        String tooLong = "é".repeat(128);

        assertThat(new StackFrame("/a.py", fits, 1).function()).isEqualTo(fits);
        assertThatThrownBy(() -> new StackFrame("/a.py", tooLong, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("function is 256 UTF-8 bytes, over the limit of 255; clip it with Limits.clip");
    }

    @Test
    void rejectsOversizeLists() {
        List<StackFrame> tooDeep = Collections.nCopies(Limits.MAX_STACK_FRAMES + 1, aStack().getFirst());

        assertThatThrownBy(() -> violation(1, tooDeep, ""))
                .hasMessage("stack must have 0 to 128 entries, got 129");
        assertThatThrownBy(() -> new EnrollAccepted(1, "agent-1", List.of(), anEnrollAccepted().signingKeys()))
                .hasMessage("certificateChain must have 1 to 8 entries, got 0");
    }

    @Test
    void identifiersArePrintableAsciiWithoutSpaces() {
        assertThatThrownBy(() -> new ServiceDrops("svc 1", 0, 0, 0))
                .hasMessage("serviceId must be printable ASCII without spaces; character 3 is U+0020");
        assertThatThrownBy(() -> new ServiceDrops("", 0, 0, 0)).hasMessage("serviceId must be 1 to 128 characters, got 0");
        assertThatThrownBy(() -> new ServiceDrops("x".repeat(129), 0, 0, 0)).hasMessageContaining("got 129");
    }

    @Test
    void rejectsUnpairedSurrogatesWhichUtf8CannotCarry() {
        assertThatThrownBy(() -> new CloseNotice(1, CloseReason.REVOKED, "bad \uD800 text"))
                .hasMessage("message has an unpaired surrogate at index 4; clip it with Limits.clip");
        assertThat(new CloseNotice(1, CloseReason.REVOKED, "ok \uD83D\uDE00").message()).endsWith("\uDE00");
    }

    @Test
    void blankNamesAreRejectedButTextMayBeEmpty() {
        assertThatThrownBy(() -> new StackFrame(" ", "f", 1)).hasMessage("file must not be blank");
        assertThat(violation(1, List.of(), "").detail()).isEmpty();
    }

    @Test
    void protectionReasonMatchesState() {
        assertThatThrownBy(() -> new ProtectionStatus(SERVICE_ID, 1, ProtectionState.PROTECTED, StatusReason.NOT_ROOT, ""))
                .hasMessage("reason must be NONE exactly when state is PROTECTED, got PROTECTED with NOT_ROOT");
        assertThatThrownBy(() -> new ProtectionStatus(SERVICE_ID, 1, ProtectionState.NOT_PROTECTED, StatusReason.NONE, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assignmentsNeedDistinctServicesAndEd25519SizedSignatures() {
        assertThatThrownBy(() -> new Assignments(1, 1, List.of(aServiceAssignment(), aServiceAssignment())))
                .hasMessage("services[1] repeats the service id of an earlier entry");
        ServiceAssignment s = aServiceAssignment();
        SignedManifest m = s.manifest().orElseThrow();
        assertThatThrownBy(() -> new SignedManifest(m.versionId(), m.manifest(), Bytes.of(new byte[63]),
                m.signingKeyId()))
                .hasMessage("signature must be 64 to 64 bytes, got 63");
        assertThatThrownBy(() -> new ServiceAssignment(s.serviceId(), s.name(), s.matcher(), ServiceMode.ALERT,
                Optional.empty()))
                .hasMessage("mode ALERT enforces a manifest: only OBSERVE may come without one");
        assertThatThrownBy(() -> new EnrollAccepted(1, "agent-1", anEnrollAccepted().certificateChain(), List.of()))
                .hasMessageContaining("signingKeys");
        assertThatThrownBy(() -> new ProcessMatcher.Executable("python3", ""))
                .hasMessage("path must be absolute");
    }

    @Test
    void deeplyNestedRegexCompilesWithoutOverflowingTheStack() {
        int depth = Limits.MAX_TEXT_BYTES / 2;
        String nested = "(".repeat(depth) + ")".repeat(depth);

        assertThat(new ProcessMatcher.Executable("/usr/bin/python3", nested).argumentRegex()).hasSize(2 * depth);
    }

    @Test
    void acksAcknowledgeSomethingAndNoIdTwice() {
        assertThatThrownBy(() -> new Ack(1, 0, List.of()))
                .hasMessage("an Ack must acknowledge a sequence, request ids, or both");
        assertThatThrownBy(() -> new Ack(1, 0, List.of(5L, 5L))).hasMessage("requestIds must not contain duplicates");
        assertThat(new Ack(1, 0, List.of(-1L)).requestIds()).containsExactly(-1L);
    }

    @Test
    void timeRangesAreOrderedAndIntervalsSane() {
        assertThatThrownBy(() -> new DropReport(1, 1, NOW_MILLIS, NOW_MILLIS - 1,
                List.of(new ServiceDrops(SERVICE_ID, 0, 0, 0))))
                .hasMessage("fromMillis (1767225600000) must not be after toMillis (1767225599999)");
        assertThatThrownBy(() -> new HelloAck(1, 1, Duration.ofNanos(1_500_000), NOW_MILLIS, 0))
                .hasMessageContaining("heartbeatInterval must be whole milliseconds");
        assertThatThrownBy(() -> new HelloAck(1, 1, Duration.ZERO, NOW_MILLIS, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hello(1, 2, 1, "a", "v", aHost())).hasMessageContaining("offered version range [2, 1]");
    }

    @Test
    void recordsCopyTheirListsAndBytes() {
        List<StackFrame> frames = new ArrayList<>(aStack());
        byte[] raw = {1, 2, 3};
        Violation violation = violation(1, frames, "");
        Bytes bytes = Bytes.of(raw);

        frames.clear();
        raw[0] = 9;
        bytes.toArray()[1] = 9;

        assertThat(violation.stack()).hasSize(3);
        assertThat(bytes).isEqualTo(Bytes.of(new byte[] {1, 2, 3}));
        assertThat(bytes.hashCode()).isEqualTo(Bytes.of(new byte[] {1, 2, 3}).hashCode());
        assertThatThrownBy(() -> violation.stack().add(aStack().getFirst())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void secretsStayOutOfToString() {
        EnrollRequest request = ProtocolFixtures.anEnrollRequest();

        assertThat(request.toString()).doesNotContain(request.token()).contains("token=<redacted>", "Bytes[420 bytes]");
    }

    @Test
    void errorRepliesFromLongMessagesAreClipped() {
        ErrorReply reply = ErrorReply.of(3, ErrorCode.INTERNAL, "ü".repeat(Limits.MAX_TEXT_BYTES));

        assertThat(reply.message()).hasSize(Limits.MAX_TEXT_BYTES / 2);
    }

    private static Violation violation(int pid, List<StackFrame> stack, String detail) {
        return new Violation(1, 1, SERVICE_ID, pid, 2, NOW_MILLIS, "app.main", "execve", 59,
                ViolationAction.ALERTED, stack, detail);
    }
}
