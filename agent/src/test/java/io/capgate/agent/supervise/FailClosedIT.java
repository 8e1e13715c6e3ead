package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** If bpftrace dies while supervising: say so, and with --fail-closed kill the whole supervised tree. */
class FailClosedIT {

    private static final String PYTHON = "/usr/bin/python3.11";

    @TempDir
    static Path app;
    static Manifest manifest;

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        Files.writeString(app.resolve("longrun.py"), """
                import os, sys, time
                child = os.fork()
                for _ in range(int(sys.argv[1])):
                    os.stat("/tmp")
                    time.sleep(0.1)
                if child:
                    os.waitpid(child, 0)
                """);
        Trace trace = Supervisor.local().trace(new TraceRequest(List.of(PYTHON, app.resolve("longrun.py").toString(),
                "3"), null, null, app, "longrun", null));
        manifest = ManifestBuilder.build(List.of(trace), new ManifestBuilder.BuildOptions("longrun", null));
    }

    @Test
    void failClosedKillsTheTreeWhenBpftraceDies() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();

        int status = Supervisor.local(notices::add).run(new RunRequest(manifest, EngineMode.KILL,
                List.of(PYTHON, app.resolve("longrun.py").toString(), "600"), null, null, true, false, app, null,
                FailClosedIT::killOurBpftraceSoon));

        assertThat(status).isEqualTo(137);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("bpftrace stopped"));
        assertThat(notices).filteredOn(n -> n.startsWith("--fail-closed: killing pid")).hasSize(2);
    }

    @Test
    void withoutFailClosedTheProgramGoesOnAndTheUserIsTold() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();

        int status = Supervisor.local(notices::add).run(new RunRequest(manifest, EngineMode.KILL,
                List.of(PYTHON, app.resolve("longrun.py").toString(), "30"), null, null, false, false, app, null,
                FailClosedIT::killOurBpftraceSoon));

        assertThat(status).isZero();
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("UNSUPERVISED"));
    }

    /** Kills the bpftrace this test JVM started (never another one on the machine) a moment after attach. */
    private static void killOurBpftraceSoon() {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(1000);
                ProcessHandle.current().descendants()
                        .filter(h -> h.info().command().map(c -> c.endsWith("/bpftrace")).orElse(false))
                        .forEach(ProcessHandle::destroyForcibly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
