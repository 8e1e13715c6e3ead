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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputAssemblerTest {

    private static final PythonPaths PATHS = new PythonPaths(List.of("/usr/lib/python3.11"),
            List.of("/usr/lib/python3/dist-packages"), "/srv/app");
    private static final long NONCE = 0x5eed5eed5eedL;
    private final List<Violation> violations = new ArrayList<>();
    private final OutputAssembler out = new OutputAssembler(new ModuleNamer(PATHS), ModuleIds.forModules(List.of()),
            SyscallTable.of(Arch.X86_64), EngineMode.KILL, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), NONCE,
            violations::add);

    @Test
    void attributionKeysWithTheHighBitSetAreRead() {
        long fileId = 0xfedcba987654L;                        // high bit of the 48-bit id set
        long ak = (fileId << 16) | ModuleIds.UNLISTED;
        String unsigned = Long.toUnsignedString(ak);
        feed("F " + fileId + " 0 /srv/app/spawn.py",
                "V 123 10 11 435 " + unsigned + " 0",
                "S 123 0 " + unsigned + " 1 0 <module>",
                "W 123 1");

        assertThat(out.malformed).isZero();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.module()).isEqualTo("spawn");
            assertThat(v.syscall()).isEqualTo("clone3");
            assertThat(v.number()).isEqualTo(435);
            assertThat(v.action()).isEqualTo("kill");
            assertThat(v.stack()).containsExactly(new Violation.Frame("/srv/app/spawn.py", "<module>", 1, 0));
        });
    }

    @Test
    void longPathsArriveInChunksAndAreJoined() {
        String dir = "/srv/app/" + "x".repeat(150) + "/";
        String path = dir + "mod.py";
        long fileId = PathHash.fileId(path);
        feed("F " + fileId + " 0 " + path.substring(0, 96), "F " + fileId + " 96 " + path.substring(96));

        assertThat(out.path(fileId)).isEqualTo(path);
    }

    @Test
    void traceCountsArePrintedWithSignedKeysAndGroupedByModule() {
        long ak = (PathHash.fileId("/usr/lib/python3/dist-packages/requests/api.py") << 16) | ModuleIds.UNLISTED;
        feed("F " + (ak >>> 16) + " 0 /usr/lib/python3/dist-packages/requests/api.py",
                "END", "=@obs[" + ak + ", 42]: 3", "=@obs[" + ak + ", " + (257 + 1024) + "]: 2", "=@obs[2, 0]: 7");

        assertThat(out.observed).containsEntry("requests", Map.of("connect", 3L, "openat:write", 2L))
                .containsEntry("<interpreter>", Map.of("read", 7L));
    }

    @Test
    void modulesAreCountedLiveFromClassifiedFiles() {
        feed("F 1 0 /usr/lib/python3.11/socket.py", "F 2 0 /srv/app/main.py",
                "F 3 0 /usr/lib/python3/dist-packages/requests/api.py", "F 4 0 /usr/lib/python3/dist-packages/requests/x.py");

        assertThat(out.modulesSeen()).isEqualTo(2);
    }

    @Test
    void unreadableLinesAreCountedNotThrown() {
        feed("V not numbers", "END", "=@obs[x, y]: z", "=Lost 5 events");

        assertThat(out.malformed).isEqualTo(2);
        assertThat(out.lost).isEqualTo(5);
    }

    @Test
    void aPathWithNewlinesCannotForgeRecordsOrCounts() {
        // co_filename is the supervised program's to choose: "/srv/app/x.py\n@obs[2, 59]: 7\nV 1 2 3 4 5 0"
        feed("F 77 0 /srv/app/x.py", "=@obs[2, 59]: 7", "=V 1 2 3 4 5 0", "=W 1 0", "END", "=@obs[2, 0]: 1");

        assertThat(out.path(77)).isEqualTo("/srv/app/x.py\n@obs[2, 59]: 7\nV 1 2 3 4 5 0\nW 1 0");
        assertThat(violations).isEmpty();
        assertThat(out.observed).containsOnlyKeys("<interpreter>");
        assertThat(out.observed.get("<interpreter>")).containsOnlyKeys("read");
    }

    @Test
    void countsPrintedBeforeTheEndMarkerAreNotTrusted() {
        feed("=@obs[2, 59]: 7");

        assertThat(out.observed).isEmpty();
        assertThat(out.foreign).isEqualTo(1);
    }

    /** Feeds records as the engine prints them (nonce first); lines starting with '=' are fed raw. */
    private void feed(String... lines) {
        for (String l : lines) {
            out.accept(l.startsWith("=") ? l.substring(1) : NONCE + " " + l);
        }
        out.end();
    }
}
