package io.capgate.model.protocol;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** Golden wire ids of every enum that travels: renumbering one breaks deployed peers, so it must fail here. */
class WireEnumsTest {

    @Test
    void errorCodes() {
        assertGolden(ErrorCode.values(), ErrorCode::id, ErrorCode::byId, Map.ofEntries(
                entry(0x0001, "MALFORMED_FRAME"), entry(0x0002, "UNSUPPORTED_TYPE"),
                entry(0x0003, "UNSUPPORTED_VERSION"), entry(0x0004, "TOO_LARGE"),
                entry(0x0005, "UNEXPECTED_MESSAGE"), entry(0x0006, "UNAUTHORIZED"), entry(0x0007, "INTERNAL"),
                entry(0x0201, "ENROLLMENT_TOKEN_INVALID"), entry(0x0202, "ENROLLMENT_TOKEN_EXPIRED"),
                entry(0x0203, "ENROLLMENT_TOKEN_USED"), entry(0x0204, "CSR_REJECTED")));
    }

    @Test
    void serviceModes() {
        assertGolden(ServiceMode.values(), ServiceMode::id, ServiceMode::byId, Map.of(
                1, "OBSERVE", 2, "ALERT", 3, "STOP", 4, "KILL"));
    }

    @Test
    void protectionStates() {
        assertGolden(ProtectionState.values(), ProtectionState::id, ProtectionState::byId, Map.of(
                1, "PROTECTED", 2, "NOT_PROTECTED"));
    }

    @Test
    void statusReasons() {
        assertGolden(StatusReason.values(), StatusReason::id, StatusReason::byId, Map.of(
                0, "NONE", 1, "UNSUPPORTED_INTERPRETER", 2, "BPFTRACE_FAILED", 3, "NOT_ROOT",
                4, "SIGNATURE_INVALID", 5, "UNKNOWN_SIGNING_KEY", 6, "NO_PROCESS", 7, "MANIFEST_INVALID",
                8, "KERNEL_UNSUPPORTED", 9, "INTERNAL"));
    }

    @Test
    void violationActions() {
        assertGolden(ViolationAction.values(), ViolationAction::id, ViolationAction::byId, Map.of(
                1, "RECORDED", 2, "ALERTED", 3, "STOPPED", 4, "KILLED", 5, "ACTION_FAILED"));
    }

    @Test
    void closeReasons() {
        assertGolden(CloseReason.values(), CloseReason::id, CloseReason::byId, Map.of(
                1, "REVOKED", 2, "SHUTTING_DOWN", 3, "REPLACED", 4, "IDLE_TIMEOUT", 5, "PROTOCOL_ERROR"));
    }

    @Test
    void processMatcherKinds() {
        assertThat(ProcessMatcher.Executable.KIND).isEqualTo(1);
        assertThat(ProcessMatcher.SystemdUnit.KIND).isEqualTo(2);
    }

    @Test
    void onlyRevocationForbidsReconnecting() {
        assertThat(Arrays.stream(CloseReason.values()).filter(reason -> !reason.mayReconnect()))
                .containsExactly(CloseReason.REVOKED);
    }

    private static <E extends Enum<E>> void assertGolden(E[] values, ToIntFunction<E> id,
                                                         IntFunction<java.util.Optional<E>> byId,
                                                         Map<Integer, String> golden) {
        assertThat(Arrays.stream(values).collect(Collectors.toMap(id::applyAsInt, Enum::name))).isEqualTo(golden);
        for (E value : values) {
            assertThat(byId.apply(id.applyAsInt(value))).contains(value);
        }
        assertThat(byId.apply(0xFF)).isEmpty();
    }
}
