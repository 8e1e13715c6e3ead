package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.os.CommandRunner;
import io.capgate.agent.python.elf.ElfDynamic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryResolverTest {

    private static final String SONAME = "libpython3.11.so.1.0";
    private final CommandRunner noLdconfig = (command, cwd, env, timeout) -> new CommandRunner.Result(1, "", "");

    @Test
    void parsesLdconfigOutputKeepingX8664() {
        String output = """
                1234 libs found in cache `/etc/ld.so.cache'
                \tlibpython3.11.so.1.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpython3.11.so.1.0
                \tlibpython3.11.so.1.0 (libc6) => /lib/i386-linux-gnu/libpython3.11.so.1.0
                \tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
                """;

        assertThat(LibraryResolver.parseLdconfig(output))
                .containsEntry(SONAME, "/lib/x86_64-linux-gnu/libpython3.11.so.1.0")
                .containsEntry("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6").hasSize(2);
    }

    @Test
    void expandsOriginInRunPath(@TempDir Path root) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.write(lib.resolve(SONAME), new byte[] {1});
        ElfDynamic dynamic = new ElfDynamic(List.of(SONAME), List.of("$ORIGIN/../lib"), List.of(), Optional.empty());

        Optional<Path> found = new LibraryResolver(noLdconfig, null).resolve(SONAME, dynamic, bin.resolve("python3"));

        assertThat(found).contains(bin.resolve("../lib").resolve(SONAME));
    }

    @Test
    void rpathIsIgnoredWhenRunPathExistsAndLdLibraryPathComesBeforeRunPath(@TempDir Path root) throws Exception {
        Path viaRpath = Files.createDirectories(root.resolve("rpath"));
        Path viaEnv = Files.createDirectories(root.resolve("env"));
        Path viaRunPath = Files.createDirectories(root.resolve("runpath"));
        for (Path d : List.of(viaRpath, viaEnv, viaRunPath)) {
            Files.write(d.resolve(SONAME), new byte[] {1});
        }
        ElfDynamic dynamic = new ElfDynamic(List.of(SONAME), List.of(viaRunPath.toString()),
                List.of(viaRpath.toString()), Optional.empty());
        ElfDynamic rpathOnly = new ElfDynamic(List.of(SONAME), List.of(), List.of(viaRpath.toString()), Optional.empty());

        assertThat(new LibraryResolver(noLdconfig, viaEnv.toString()).resolve(SONAME, dynamic, root.resolve("x")))
                .contains(viaEnv.resolve(SONAME));
        assertThat(new LibraryResolver(noLdconfig, null).resolve(SONAME, dynamic, root.resolve("x")))
                .contains(viaRunPath.resolve(SONAME));
        assertThat(new LibraryResolver(noLdconfig, viaEnv.toString()).resolve(SONAME, rpathOnly, root.resolve("x")))
                .contains(viaRpath.resolve(SONAME));
    }

    @Test
    void findsNothingForAnUnknownLibrary() throws Exception {
        assertThat(new LibraryResolver(noLdconfig, null).resolve("libnope-capgate.so.9", ElfDynamic.NONE, Path.of("/x")))
                .isEmpty();
    }
}
