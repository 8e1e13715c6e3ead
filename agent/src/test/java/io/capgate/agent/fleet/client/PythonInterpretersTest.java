package io.capgate.agent.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host facts list each installed interpreter's version once, from pythonX.Y executables only. */
class PythonInterpretersTest {

    @TempDir
    Path tmp;

    @Test
    void versionsOfPythonXYExecutablesDistinctOldestFirst() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path other = Files.createDirectories(tmp.resolve("opt/bin"));
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        fake(bin.resolve("python3.12"), "echo 'Python 3.12.1'");
        fake(bin.resolve("python3.9"), "echo 'Python 3.9.18'");
        fake(bin.resolve("python3.11-config"), "echo 'Python 9.9.9'");
        fake(bin.resolve("python3"), "echo 'Python 8.8.8'"); // a name without the minor: the X.Y one is listed
        fake(bin.resolve("python3.13"), "echo 'no version here'");
        fake(bin.resolve("python3.14"), "exit 3");
        fake(other.resolve("python3.12"), "echo 'Python 3.12.1'");
        fake(shims.resolve("python3.10"), "echo 'Python 3.10.13'");
        Files.writeString(bin.resolve("python3.8"), "not executable");

        assertThat(PythonInterpreters.versions(List.of(bin, other, shims, tmp.resolve("missing"))))
                .containsExactly("3.9.18", "3.12.1");
    }

    private static void fake(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
