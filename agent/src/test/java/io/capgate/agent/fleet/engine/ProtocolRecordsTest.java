package io.capgate.agent.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.supervise.ObservationWindow;
import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.Violation;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.StatusReason;
import io.capgate.model.protocol.ViolationAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's records in protocol form: clipped, never rejected. */
class ProtocolRecordsTest {

    private static final String LONG = "é".repeat(5000);

    @Test
    void aViolationKeepsItsFactsAndPlaceholders() {
        var v = new Violation("2026-11-25T09:00:00.123Z", 10, 11, "worker", "syscall", "umask", 95, null, "log",
                List.of(new Violation.Frame("/srv/app/worker.py", "umasks", 5, 7),
                        new Violation.Frame("/srv/app/main.py", "<module>", 1, 0)));

        var p = ProtocolRecords.violation("svc", v);

        assertThat(p.requestId()).isZero();
        assertThat(p.sequence()).isEqualTo(1);
        assertThat(p.timeMillis()).isEqualTo(Instant.parse("2026-11-25T09:00:00.123Z").toEpochMilli());
        assertThat(p.action()).isEqualTo(ViolationAction.ALERTED);
        assertThat(p.syscallNumber()).isEqualTo(95);
        assertThat(p.stack()).containsExactly(new StackFrame("/srv/app/worker.py", "umasks", 7),
                new StackFrame("/srv/app/main.py", "<module>", 1));
        assertThat(p.detail()).isEmpty();
    }

    @Test
    void whatTheProcessNamedIsClippedAndBlankNamesBecomeAQuestionMark() {
        var v = new Violation("2026-11-25T09:00:00Z", 10, 11, LONG, "exec", "execve", 59, "/tmp/" + LONG, "kill",
                List.of(new Violation.Frame("/srv/" + LONG, LONG, 1, 0), new Violation.Frame("", " ", 0, 0)));

        var p = ProtocolRecords.violation("svc", v);

        assertThat(p.module().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(Limits.MAX_NAME_BYTES);
        assertThat(p.stack().get(0).file().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(Limits.MAX_PATH_BYTES);
        assertThat(p.stack().get(0).function().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(Limits.MAX_NAME_BYTES);
        assertThat(p.stack().get(1)).isEqualTo(new StackFrame("?", "?", 0));
        assertThat(p.detail()).startsWith("executed /tmp/");
        assertThat(p.detail().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(Limits.MAX_TEXT_BYTES);
        assertThat(p.action()).isEqualTo(ViolationAction.KILLED);
    }

    @Test
    void aThirtyTwoBitCallHasNoNumberOnThisArchitectureAndSaysWhy() {
        var v = new Violation("2026-11-25T09:00:00Z", 10, 11, "worker", "compat", "compat", -1, null, "stop",
                List.of());

        var p = ProtocolRecords.violation("svc", v);

        assertThat(p.syscallNumber()).isZero();
        assertThat(p.action()).isEqualTo(ViolationAction.STOPPED);
        assertThat(p.detail()).contains("32-bit");
    }

    @Test
    void aWindowBecomesEntriesWithItsBoundsAndSample() {
        Instant start = Instant.parse("2026-11-25T09:00:00Z");
        var window = new ObservationWindow(start, start.plusSeconds(5), List.of(
                new ObservationWindow.Observation("worker", "getppid", null, 12,
                        List.of(new Violation.Frame("/srv/app/worker.py", "ppids", 2, 4))),
                new ObservationWindow.Observation("worker", "execve", "/usr/bin/true", 1, List.of())));

        List<ObservationEntry> entries = ProtocolRecords.observations("svc", window);

        assertThat(entries).containsExactly(
                new ObservationEntry("svc", "worker", "getppid", Optional.empty(), 12, start.toEpochMilli(),
                        start.plusSeconds(5).toEpochMilli(), List.of(new StackFrame("/srv/app/worker.py", "ppids", 4))),
                new ObservationEntry("svc", "worker", "execve", Optional.of("/usr/bin/true"), 1, start.toEpochMilli(),
                        start.plusSeconds(5).toEpochMilli(), List.of()));
    }

    @Test
    void preflightRefusalsMapToStatusReasons() {
        assertThat(reason(PreflightException.EX_NOPERM)).isEqualTo(StatusReason.NOT_ROOT);
        assertThat(reason(PreflightException.EX_CONFIG)).isEqualTo(StatusReason.UNSUPPORTED_INTERPRETER);
        assertThat(reason(PreflightException.EX_UNAVAILABLE)).isEqualTo(StatusReason.BPFTRACE_FAILED);
        assertThat(reason(PreflightException.EX_SOFTWARE)).isEqualTo(StatusReason.BPFTRACE_FAILED);
        assertThat(reason(PreflightException.EX_OSERR)).isEqualTo(StatusReason.KERNEL_UNSUPPORTED);
        assertThat(reason(PreflightException.EX_DATAERR)).isEqualTo(StatusReason.MANIFEST_INVALID);
        assertThat(reason(PreflightException.EX_USAGE)).isEqualTo(StatusReason.INTERNAL);
        assertThat(SessionFailures.of(new PreflightException(PreflightException.EX_USAGE,
                PreflightException.Kind.NO_PROCESS, "no process 7")).reason()).isEqualTo(StatusReason.NO_PROCESS);
        assertThat(SessionFailures.of(new PreflightException(PreflightException.EX_SOFTWARE, "x".repeat(5000)))
                .detail()).hasSize(Limits.MAX_TEXT_BYTES);
    }

    private static StatusReason reason(int exitCode) {
        return SessionFailures.of(new PreflightException(exitCode, "refused")).reason();
    }
}
