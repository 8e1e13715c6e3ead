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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths longer than bpftrace's 200-byte strings, in two packages whose paths differ only after their
 * 100th character: the kernel hashes whole paths byte by byte, so they stay two modules.
 */
class LongPathIT {

    @TempDir
    static Path tmp;
    static Path root;
    static String pkgA;
    static String pkgB;

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        root = tmp.resolve("venv-like-" + "v".repeat(60)).resolve("lib-" + "l".repeat(50));
        String common = "package_" + "x".repeat(40);
        pkgA = common + "_a";
        pkgB = common + "_b";
        for (String pkg : List.of(pkgA, pkgB)) {
            Files.createDirectories(root.resolve(pkg));
        }
        Files.writeString(root.resolve(pkgA).resolve("__init__.py"), """
                import socket
                def run():
                    s = socket.socket()
                    try:
                        s.connect(("127.0.0.1", 9))
                    except OSError:
                        pass
                    s.close()
                """);
        Files.writeString(root.resolve(pkgB).resolve("__init__.py"), """
                import os, socket
                def run(connect):
                    os.stat("/tmp")
                    if connect:
                        socket.socket().connect_ex(("127.0.0.1", 9))
                """);
        Files.writeString(root.resolve("main.py"), "import sys, " + pkgA + ", " + pkgB + "\n"
                + pkgA + ".run()\n" + pkgB + ".run(len(sys.argv) > 1)\n");
    }

    @Test
    void pathsLongerThan200BytesThatDifferLateAreTwoModules() throws Exception {
        String fileA = root.resolve(pkgA).resolve("__init__.py").toString();
        String fileB = root.resolve(pkgB).resolve("__init__.py").toString();
        assertThat(fileA.length()).isGreaterThan(200);
        int firstDifference = 0;
        while (fileA.charAt(firstDifference) == fileB.charAt(firstDifference)) {
            firstDifference++;
        }
        assertThat(firstDifference).isGreaterThan(100);

        Trace trace = trace();

        assertThat(trace.modules().get(pkgA).syscalls()).containsKey("connect");
        assertThat(trace.modules().get(pkgB).syscalls()).containsKey("newfstatat").doesNotContainKey("connect");
    }

    @Test
    void enforcementTellsThemApartToo() throws Exception {
        Manifest manifest = ManifestBuilder.build(List.of(trace()), new ManifestBuilder.BuildOptions("long", null));
        List<Violation> violations = new ArrayList<>();

        int status = Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL,
                List.of("/usr/bin/python3.11", root.resolve("main.py").toString(), "connect"), null, null, false,
                false, root, violations::add));

        assertThat(status).isEqualTo(137);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.module()).isEqualTo(pkgB);
            assertThat(v.syscall()).isIn("socket", "connect");
        });
    }

    private static Trace trace() throws Exception {
        return Supervisor.local().trace(new TraceRequest(List.of("/usr/bin/python3.11", root.resolve("main.py").toString()),
                null, null, root, "long", null));
    }
}
