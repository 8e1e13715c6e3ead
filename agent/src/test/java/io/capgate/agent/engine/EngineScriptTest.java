package io.capgate.agent.engine;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.templates.MapEntry;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered engine program against golden files. Regenerate after an intended template change with
 * {@code -Dcapgate.golden.update=true} and review the diff like code.
 */
class EngineScriptTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/capgate/agent/engine");
    private static final SyscallTable TABLE = SyscallTable.of(Arch.X86_64);
    private static final PythonPaths PATHS = new PythonPaths(List.of("/usr/lib/python3.11"),
            List.of("/usr/lib/python3/dist-packages"), "/srv/app");

    @Test
    void killModeMatchesItsGoldenFile() throws Exception {
        golden("engine-kill.bt", render(EngineMode.KILL, ManifestFixtures.aManifest()));
    }

    @Test
    void traceModeMatchesItsGoldenFile() throws Exception {
        golden("engine-trace.bt", render(EngineMode.TRACE, ManifestFixtures.aManifest()));
    }

    @Test
    void noManifestTextEverReachesTheProgram() throws Exception {
        // The most unusual names and paths the grammar admits: none of them may appear in the program.
        Manifest m = ManifestFixtures.aManifestWith("Zq_9x.my-script", ModulePolicy.of(Set.of("net.connect"),
                Set.of("getrandom"), Set.of("/opt/tools/git+lfs@2.0/bin/run-me")));
        String program = render(EngineMode.KILL, m);

        for (String module : m.moduleNames()) {
            if (!ModulePolicy.PSEUDO_MODULES.contains(module)) {
                assertThat(program).doesNotContain(module);
            }
        }
        assertThat(program).doesNotContain("run-me").doesNotContain("git+lfs").doesNotContain("{{");
    }

    @Test
    void theFastPathIsAConstantExpression() {
        BitSet always = new BitSet();
        always.set(0);
        always.set(65);
        assertThat(EngineScript.bitsExpression(always))
                .startsWith("$w == 0 ? 1 : ($w == 1 ? 2 : (")
                .doesNotContain("@");
    }

    private static String render(EngineMode mode, Manifest manifest) throws Exception {
        ResolvedPolicy policy = ResolvedPolicy.resolve(manifest, Arch.X86_64);
        ModuleIds ids = ModuleIds.forModules(manifest.moduleNames());
        List<MapEntry> allow = new ArrayList<>();
        ids.all().forEach((name, id) -> {
            long[] words = policy.allowed(name).toLongArray();
            for (int i = 0; i < words.length; i++) {
                if (words[i] != 0) {
                    allow.add(MapEntry.of("allow", words[i], id, i));
                }
            }
        });
        List<MapEntry> exec = List.of(MapEntry.of("ex", 1, 16, 254L << 20, 260958));
        BitSet floor = new BitSet();
        floor.set(425);
        return EngineScript.render(mode, target(), TABLE, 4242, true, 0, PrefixTable.build(PATHS, ids),
                policy.allModules(), allow, exec, floor, new EngineScript.Session(1234567890123L, 254L << 20, 99));
    }

    private static PythonTarget target() throws Exception {
        Properties p = new Properties();
        try (InputStream in = EngineScriptTest.class.getResourceAsStream(
                "/io/capgate/agent/python/offsets/cpython-3.11.properties")) {
            p.load(in);
        }
        Map<String, Long> offsets = new HashMap<>();
        p.stringPropertyNames().forEach(k -> offsets.put(k, Long.decode(p.getProperty(k))));
        return new PythonTarget("3.11.2", offsets, "/usr/bin/python3.11", "Py_BytesMain", 0x627d10L, 0xa5b740L);
    }

    private static void golden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        boolean missing = !Files.exists(file);
        if (Boolean.getBoolean("capgate.golden.update") || missing) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(missing).as("golden file %s was missing: written now, review and commit it", file).isFalse();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
