package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.engine.ModuleIds;
import io.capgate.agent.engine.ModuleNamer;
import io.capgate.agent.engine.PathHash;
import io.capgate.agent.engine.PythonPaths;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Trace sessions with a control: windows from cumulative prints, first-seen samples, lost events, coverage. */
class ObservationWindowsTest {

    private static final PythonPaths PATHS = new PythonPaths(List.of("/usr/lib/python3.11"),
            List.of("/usr/lib/python3/dist-packages"), "/srv/app");
    private static final long NONCE = 0x5eed5eed5eedL;
    private static final String FILE = "/srv/app/worker.py";
    private static final long AK = (PathHash.fileId(FILE) << 16) | ModuleIds.UNLISTED;
    private static final int GETPPID = 110;
    private static final int READ = 0;

    private final MutableClock clock = new MutableClock();
    private final List<ObservationWindow> windows = new ArrayList<>();
    private final OutputAssembler out = new OutputAssembler(new ModuleNamer(PATHS), ModuleIds.forModules(List.of()),
            SyscallTable.of(Arch.X86_64), EngineMode.TRACE, clock, NONCE, v -> { });

    {
        out.windows = new ObservationWindows(clock.instant(), windows::add);
    }

    @Test
    void eachWindowHoldsTheDifferenceToThePreviousPrintAndItsBounds() {
        Instant attached = clock.instant();
        feed("F " + (AK >>> 16) + " 0 " + FILE);
        clock.advance(Duration.ofSeconds(5));
        feed("O 1", "=@obs[" + AK + ", " + GETPPID + "]: 10", "=@obs[2, " + READ + "]: 4", "OE 1");
        clock.advance(Duration.ofSeconds(5));
        feed("O 2", "=@obs[" + AK + ", " + GETPPID + "]: 25", "=@obs[2, " + READ + "]: 4", "OE 2");

        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).start()).isEqualTo(attached);
        assertThat(windows.get(0).end()).isEqualTo(attached.plusSeconds(5));
        assertThat(windows.get(0).observations()).extracting(ObservationWindow.Observation::module,
                        ObservationWindow.Observation::syscall, ObservationWindow.Observation::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("<interpreter>", "read", 4L),
                        org.assertj.core.groups.Tuple.tuple("worker", "getppid", 10L));
        assertThat(windows.get(1).start()).isEqualTo(attached.plusSeconds(5));
        assertThat(windows.get(1).observations()).singleElement().satisfies(o -> {
            assertThat(o.module()).isEqualTo("worker");
            assertThat(o.count()).isEqualTo(15);
        });
    }

    @Test
    void theFirstSeenStackGoesWithTheFirstWindowThatReportsThePairOnly() {
        feed("F " + (AK >>> 16) + " 0 " + FILE,
                "V 77 10 10 " + GETPPID + " " + AK + " 0",
                "S 77 0 " + AK + " 2 0 ppids",
                "S 77 1 " + AK + " 1 0 <module>",
                "W 77 2",
                "O 1", "=@obs[" + AK + ", " + GETPPID + "]: 3", "OE 1",
                "O 2", "=@obs[" + AK + ", " + GETPPID + "]: 5", "OE 2");

        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).observations().getFirst().sample()).containsExactly(
                new Violation.Frame(FILE, "ppids", 2, 0), new Violation.Frame(FILE, "<module>", 1, 0));
        assertThat(windows.get(1).observations().getFirst().sample()).isEmpty();
        assertThat(out.malformed).isZero();
    }

    @Test
    void theEndClosesTheLastWindowAndTheTraceStillGetsTheTotals() {
        feed("F " + (AK >>> 16) + " 0 " + FILE,
                "O 1", "=@obs[" + AK + ", " + GETPPID + "]: 3", "OE 1",
                "END", "=@obs[" + AK + ", " + GETPPID + "]: 8");
        out.end();

        assertThat(windows).extracting(w -> w.observations().getFirst().count()).containsExactly(3L, 5L);
        assertThat(out.observed.get("worker")).containsEntry("getppid", 8L);
    }

    @Test
    void executedProgramsAreObservedPerWindow() {
        feed("F " + (AK >>> 16) + " 0 " + FILE,
                "E 5 10 10 " + AK + " 0 0 /bin/true",
                "O 1", "OE 1", "O 2", "OE 2");

        assertThat(windows).singleElement().satisfies(w -> assertThat(w.observations()).singleElement()
                .satisfies(o -> {
                    assertThat(o.syscall()).isEqualTo("execve");
                    assertThat(o.program()).isEqualTo(OutputAssembler.canonical("/bin/true"));
                    assertThat(o.count()).isEqualTo(1);
                }));
    }

    @Test
    void lostEventsAreReportedAsTheyArriveAndCoverageFollowsProcessesNotThreads() {
        List<Long> lost = new ArrayList<>();
        List<Set<Integer>> coverage = new ArrayList<>();
        out.lostListener = lost::add;
        int me = (int) ProcessHandle.current().pid();
        out.coverage = new Coverage(1, coverage::add);

        feed("=Lost 12 events", "P 1 " + me, "=Lost 3 events", "X " + me);

        assertThat(lost).containsExactly(12L, 3L);
        assertThat(out.lost).isEqualTo(15);
        assertThat(coverage).containsExactly(Set.of(1, me), Set.of(1));
    }

    @Test
    void aThreadIdIsNotAProcess() throws Exception {
        long tid = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))
                .map(p -> Long.parseLong(p.getFileName().toString()))
                .filter(t -> t != ProcessHandle.current().pid()).findFirst().orElseThrow();

        assertThat(Coverage.isProcess((int) tid)).isFalse();
        assertThat(Coverage.isProcess((int) ProcessHandle.current().pid())).isTrue();
    }

    private void feed(String... lines) {
        for (String l : lines) {
            out.accept(l.startsWith("=") ? l.substring(1) : NONCE + " " + l);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
