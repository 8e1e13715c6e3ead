package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capgate.agent.os.ProcessCommandRunner;
import io.capgate.agent.python.elf.ElfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes the interpreters installed here, and resolves commands to them. */
class InterpreterProbeIT {

    private final BundledOffsets bundled = new BundledOffsets();

    @Test
    void debianPythonHoldsItsOwnRuntime() throws Exception {
        LivePython.assumeInstalled(LivePython.DEBIAN);

        InterpreterProbe probe = InterpreterProbe.probe(LivePython.DEBIAN);

        assertThat(probe.binaryWithRuntime()).isEqualTo(LivePython.DEBIAN);
        assertThat(probe.runtimeInLibrary()).isFalse();
        ElfFile elf = ElfFile.open(LivePython.DEBIAN);
        assertThat(probe.runtimeSymbolValue()).isEqualTo(elf.symbol("_PyRuntime").orElseThrow().value());
        assertThat(probe.startupSymbol().name()).isEqualTo("Py_BytesMain");
        assertThat(probe.startupSymbol().value()).isEqualTo(elf.symbol("Py_BytesMain").orElseThrow().value());
        assertThat(probe.startupSymbol().fileOffset()).as("non-PIE text: vaddr - 0x400000")
                .isEqualTo(probe.startupSymbol().value() - 0x400000);
        assertThat(probe.version()).isEqualTo(new PythonVersion(3, 11, 2));
        assertThat(probe.requireOffsets(bundled).tstateNativeThreadId()).isEqualTo(160);

        InterpreterFacts facts = probe.facts();
        assertThat(facts.isCPython()).isTrue();
        assertThat(facts.version()).isEqualTo(probe.version());
        assertThat(facts.stdlib()).isEqualTo(Path.of("/usr/lib/python3.11"));
        assertThat(facts.sitePackages()).contains(Path.of("/usr/local/lib/python3.11/dist-packages"),
                Path.of("/usr/lib/python3/dist-packages"));
        assertThat(facts.venv()).isFalse();
    }

    @Test
    void pyenvPythonKeepsItsRuntimeInLibpython() throws Exception {
        LivePython.assumeInstalled(LivePython.PYENV_311);

        InterpreterProbe probe = InterpreterProbe.probe(LivePython.PYENV_311);

        Path lib = Path.of("/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0");
        assertThat(probe.executable()).isEqualTo(LivePython.PYENV_311.toRealPath());
        assertThat(probe.binaryWithRuntime()).isEqualTo(lib);
        assertThat(probe.runtimeSymbolValue()).isEqualTo(ElfFile.open(lib).symbol("_PyRuntime").orElseThrow().value());
        assertThat(probe.startupSymbol().binary()).isEqualTo(lib);
        assertThat(probe.startupSymbol().name()).isEqualTo("Py_BytesMain");
        assertThat(probe.version()).isEqualTo(new PythonVersion(3, 11, 7));
        assertThat(probe.offsets(bundled)).isPresent();
        assertThat(probe.facts().sitePackages())
                .containsExactly(Path.of("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages"));
        assertThat(probe.facts().libdir()).isEqualTo(Path.of("/root/.pyenv/versions/3.11.7/lib"));
    }

    @Test
    void theProbedRuntimeValueMatchesTheLiveProcess() throws Exception {
        LivePython.assumeInstalled(LivePython.PYENV_311);
        InterpreterProbe probe = InterpreterProbe.probe(LivePython.PYENV_311);
        try (LivePython live = new LivePython()) {
            PythonProcess python = live.locate(live.start(LivePython.PYENV_311.toString(), "-c", LivePython.SLEEP));

            assertThat(python.runtimeBinary()).isEqualTo(probe.binaryWithRuntime());
            assertThat((python.runtimeAddress() - probe.runtimeSymbolValue()) & 0xfff).as("page-aligned load bias")
                    .isZero();
        }
    }

    @Test
    void refusesOffsetsFor312And313() throws Exception {
        LivePython.assumeInstalled(LivePython.PYENV_312);
        LivePython.assumeInstalled(LivePython.PYENV_313);

        InterpreterProbe p312 = InterpreterProbe.probe(LivePython.PYENV_312);
        InterpreterProbe p313 = InterpreterProbe.probe(LivePython.PYENV_313);

        assertThat(p312.version()).isEqualTo(new PythonVersion(3, 12, 1));
        assertThatThrownBy(() -> p312.requireOffsets(bundled)).isInstanceOf(UnsupportedInterpreterException.class)
                .hasMessageContaining("is CPython 3.12.1, but there are no struct offsets for 3.12")
                .hasMessageContaining("run tools/offsets/gen-offsets.sh");
        assertThatThrownBy(() -> p313.requireOffsets(bundled)).isInstanceOf(UnsupportedInterpreterException.class)
                .hasMessageContaining("is CPython 3.13.0").hasMessageContaining("_Py_DebugOffsets");
    }

    @Test
    void refusesAnExecutableThatIsNotPython() {
        assertThatThrownBy(() -> InterpreterProbe.probe(Path.of("/bin/sleep")))
                .isInstanceOf(UnsupportedInterpreterException.class)
                .hasMessageStartingWith("/usr/bin/sleep is not CPython 3.7+: it does not define _PyRuntime");
    }

    @Test
    void aVenvProbesItsBaseInterpreterButReportsItsOwnSitePackages(@TempDir Path dir) throws Exception {
        LivePython.assumeInstalled(LivePython.DEBIAN);
        Process venv = new ProcessBuilder(LivePython.DEBIAN.toString(), "-m", "venv", "--without-pip",
                dir.resolve("venv").toString()).inheritIO().start();
        assumeTrue(venv.waitFor(60, TimeUnit.SECONDS) && venv.exitValue() == 0, "python3.11 -m venv works");

        InterpreterProbe probe = InterpreterProbe.probe(dir.resolve("venv/bin/python"));

        assertThat(probe.executable()).isEqualTo(LivePython.DEBIAN);
        assertThat(probe.binaryWithRuntime()).isEqualTo(LivePython.DEBIAN);
        assertThat(probe.facts().venv()).isTrue();
        assertThat(probe.facts().prefix()).isEqualTo(dir.resolve("venv"));
        assertThat(probe.facts().sitePackages()).startsWith(dir.resolve("venv/lib/python3.11/site-packages"))
                .doesNotContain(Path.of("/usr/lib/python3/dist-packages"));
        assertThat(probe.facts().userSiteEnabled()).isFalse();
        deleteSymlinks(dir.resolve("venv/bin")); // JUnit warns about links pointing out of @TempDir
    }

    private static void deleteSymlinks(Path bin) throws java.io.IOException {
        try (var files = Files.list(bin)) {
            for (Path f : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void resolvesDebianScriptsAndPyenvShims() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/usr/bin/pip3")), "Debian pip3 installed");
        InterpreterResolver system = new InterpreterResolver("/usr/bin:/bin", Path.of("/"), new ProcessCommandRunner());

        ResolvedInterpreter pip = system.resolve("pip3");

        assertThat(pip.command()).isEqualTo(Path.of("/usr/bin/pip3"));
        assertThat(pip.interpreter()).isEqualTo(Path.of("/usr/bin/python3"));
        assertThat(pip.executable()).isEqualTo(LivePython.DEBIAN);

        Path shim = Path.of("/root/.pyenv/shims/python3");
        assumeTrue(Files.isRegularFile(shim), "pyenv shims installed");
        ResolvedInterpreter viaShim = new InterpreterResolver(shim.getParent() + ":/usr/bin", Path.of("/"),
                new ProcessCommandRunner()).resolve("python3");
        assertThat(viaShim.chain().get(0)).isEqualTo(shim);
        assertThat(viaShim.executable().toString()).startsWith("/root/.pyenv/versions/");
    }
}
