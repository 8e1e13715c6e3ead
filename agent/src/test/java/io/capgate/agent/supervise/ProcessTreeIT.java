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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Execs, forks, renamed interpreters: supervision follows processes, not names. */
class ProcessTreeIT {

    private static final String PYTHON = "/usr/bin/python3.11";

    @TempDir
    static Path app;

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        Files.createDirectories(app.resolve("runner"));
        Files.writeString(app.resolve("runner/__init__.py"), """
                import subprocess
                def run_true():
                    subprocess.run(["true"])          # PATH search: failed attempts are not execs
                    subprocess.run(["/bin/true"])     # merged /usr: the same program as /usr/bin/true
                def run_other(program):
                    return subprocess.run([program], capture_output=True).returncode
                """);
        Files.writeString(app.resolve("execs.py"), """
                import sys, runner
                runner.run_true()
                if len(sys.argv) > 1:
                    rc = runner.run_other(sys.argv[1])
                    print("other returned", rc)
                """);
        Files.createDirectories(app.resolve("netmod"));
        Files.writeString(app.resolve("netmod/__init__.py"), """
                import os, socket
                def child_connects():
                    pid = os.fork()
                    if pid == 0:
                        s = socket.socket()
                        try:
                            s.connect(("127.0.0.1", 9))
                        except OSError:
                            pass
                        os._exit(0)
                    return os.waitpid(pid, 0)[1]
                """);
        Files.writeString(app.resolve("threadexec.py"), """
                import os, sys, threading
                t = threading.Thread(target=os.execv, args=(sys.argv[1], [sys.argv[1]]))
                t.start(); t.join()
                """);
        Files.writeString(app.resolve("daemon.py"), """
                import os, sys, time, netmod
                if len(sys.argv) > 1 and os.fork() == 0:
                    time.sleep(1.5)              # the parent is long gone
                    netmod.child_connects()
                    os._exit(0)
                """);
        Path wrapped = app.resolve("wrapped.py");
        Files.writeString(wrapped, "#!/usr/bin/env python3.11\nimport runner\nrunner.run_true()\n");
        wrapped.toFile().setExecutable(true);
        Files.writeString(app.resolve("forks.py"), """
                import sys, netmod
                if len(sys.argv) > 1:
                    status = netmod.child_connects()
                    print("child status", status)
                """);
    }

    @Test
    void execsAreRecordedCanonicallyAndPathSearchMissesAreNot() throws Exception {
        Trace trace = trace(PYTHON, "execs.py");

        assertThat(trace.modules().get("runner").exec()).containsOnlyKeys("/usr/bin/true");
        assertThat(trace.modules().get("runner").exec().get("/usr/bin/true")).isEqualTo(2);
    }

    @Test
    void anExecOutsideTheListIsKilledBeforeItRunsAndNamed() throws Exception {
        Manifest manifest = manifestOf(trace(PYTHON, "execs.py"));
        List<Violation> violations = new ArrayList<>();

        int status = Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL,
                List.of(PYTHON, app.resolve("execs.py").toString(), "/usr/bin/id"), null, null, false, false, app,
                violations::add));

        assertThat(status).as("the Python parent goes on; only the exec'd child dies").isZero();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("exec");
            assertThat(v.program()).isEqualTo("/usr/bin/id");
            assertThat(v.module()).isEqualTo("runner");
        });
    }

    @Test
    void forkedChildrenStaySupervisedUnderTheirParentsModule() throws Exception {
        Trace traced = trace(PYTHON, "forks.py", "go");
        assertThat(traced.modules().get("netmod").syscalls()).containsKeys("connect");

        Manifest withoutChild = manifestOf(trace(PYTHON, "forks.py"));
        List<Violation> violations = new ArrayList<>();
        int status = Supervisor.local().run(new RunRequest(withoutChild, EngineMode.KILL,
                List.of(PYTHON, app.resolve("forks.py").toString(), "go"), null, null, false, false, app,
                violations::add));

        assertThat(violations).isNotEmpty();
        assertThat(violations).allSatisfy(v -> assertThat(v.module()).isEqualTo("netmod"));
        assertThat(violations.get(0).pid()).as("the child, not the parent, is charged").isNotEqualTo(0);
        assertThat(status).isIn(0, 137);
    }

    @Test
    void aRenamedCopyOfTheInterpreterIsSupervisedAllTheSame() throws Exception {
        Path copy = app.resolve("notpython");
        Files.copy(Path.of(PYTHON), copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setExecutable(true);

        Trace trace = trace(copy.toString(), "execs.py");

        assertThat(trace.executable()).isEqualTo(copy.toString());
        assertThat(trace.modules().get("runner").exec()).containsKey("/usr/bin/true");
    }

    @Test
    void anExecFromANonMainThreadIsStillChecked() throws Exception {
        // Traced exec'ing /usr/bin/true from a thread: execve is allowed, that program is the only one.
        Manifest manifest = manifestOf(trace(PYTHON, "threadexec.py", "/usr/bin/true"));
        assertThat(manifest.module("<interpreter>").exec()).containsExactly("/usr/bin/true");
        List<Violation> violations = new ArrayList<>();

        int status = Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL,
                List.of(PYTHON, app.resolve("threadexec.py").toString(), "/usr/bin/id"), null, null, false, false,
                app, violations::add));

        assertThat(status).isEqualTo(137);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("exec");
            assertThat(v.program()).isEqualTo("/usr/bin/id");
        });
    }

    @Test
    void aDaemonThatOutlivesItsParentStaysSupervised() throws Exception {
        Manifest manifest = manifestOf(trace(PYTHON, "daemon.py"));
        List<Violation> violations = new ArrayList<>();

        Supervisor.local().run(new RunRequest(manifest, EngineMode.LOG,
                List.of(PYTHON, app.resolve("daemon.py").toString(), "go"), null, null, false, false, app,
                violations::add));

        assertThat(violations).as("the orphan's connect, long after the root exited")
                .anySatisfy(v -> assertThat(v.syscall()).isIn("socket", "connect", "clone", "clone3"));
    }

    @Test
    void wrappersRunFirstAndTheInterpreterIsWhatGetsSupervised() throws Exception {
        Trace trace = Supervisor.local().trace(new TraceRequest(List.of(app.resolve("wrapped.py").toString()), null,
                null, app, "tree", null));

        // The shim and env ran before the interpreter: nothing of theirs is charged to a Python module, and
        // the script's own modules are named (<exec> holds what /usr/bin/true did after its exec).
        assertThat(trace.modules()).containsKeys("runner", "wrapped");
        assertThat(trace.modules().get("runner").exec()).containsOnlyKeys("/usr/bin/true");
    }

    @Test
    void pythonNamesTheInterpreterBehindALauncherThatIsNotPython() throws Exception {
        // A shell launcher whose first word says nothing about Python: --python tells the engine which
        // interpreter to arm at; the launcher itself runs before it.
        Path launcher = app.resolve("launch.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec " + PYTHON + " " + app.resolve("execs.py") + " \"$@\"\n");
        launcher.toFile().setExecutable(true);

        Trace trace = Supervisor.local().trace(new TraceRequest(List.of(launcher.toString()), null, null, app,
                "tree", null, null, Path.of(PYTHON)));

        assertThat(trace.modules().get("runner").exec()).containsOnlyKeys("/usr/bin/true");
        assertThat(trace.python()).startsWith("3.11.2");
    }

    private static Manifest manifestOf(Trace trace) {
        return ManifestBuilder.build(List.of(trace), new ManifestBuilder.BuildOptions("tree", null));
    }

    private static Trace trace(String python, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, app.resolve(script).toString()));
        command.addAll(List.of(args));
        return Supervisor.local().trace(new TraceRequest(command, null, null, app, "tree", null));
    }
}
