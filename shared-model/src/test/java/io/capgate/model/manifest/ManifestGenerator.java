package io.capgate.model.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.CapabilityGroup;
import io.capgate.model.syscalls.SyscallTable;

/**
 * Random valid manifests from a seed, for property-style tests. Favours the values YAML treats specially
 * ({@code on}, {@code null}, {@code 1.5}, {@code 0x1f}, {@code 2001-01-01}, ...) where the grammars allow them.
 */
final class ManifestGenerator {

    private static final List<String> TRICKY_SERVICES = List.of("on", "off", "yes", "no", "true", "null", "123",
            "1.5", "0x1f", "1_000", "2001-01-01", "0o17", "1e5", "y", "n", "nan", "inf", "a-b.c_d");
    private static final List<String> TRICKY_MODULES = List.of("on", "Off", "YES", "true", "False", "null", "NULL",
            "y", "n", "_", "__main__", "inf", "nan", "A.b.C");
    private static final List<String> TRICKY_SEGMENTS = List.of("1.5", "0x10", "true", "null", "-", "--x", "@x", "+",
            "..x", "x..", "...", "a@b+c-d.e_f");

    private final Random random;
    private final CapabilityCatalog catalog = CapabilityCatalog.standard();

    ManifestGenerator(long seed) {
        this.random = new Random(seed);
    }

    Manifest next() {
        Arch arch = pick(List.of(Arch.values()));
        String service = random.nextInt(3) == 0 ? pick(TRICKY_SERVICES) : word("abcdefghijklmnopqrstuvwxyz0123456789._-", 1, 63);
        if (!Character.isLetterOrDigit(service.charAt(0))) {
            service = "s" + service.substring(1);
        }
        Map<String, ModulePolicy> modules = new TreeMap<>();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            modules.put(moduleName(), policy(arch, true));
        }
        return Manifest.of(service, arch.id(), "3." + random.nextInt(100), policy(arch, false), modules);
    }

    private ModulePolicy policy(Arch arch, boolean withExec) {
        Set<String> groups = new TreeSet<>();
        List<CapabilityGroup> all = catalog.groups();
        IntStream.range(0, random.nextInt(4)).forEach(i -> groups.add(pick(all).name()));
        Set<String> syscalls = new TreeSet<>();
        List<String> names = new ArrayList<>(SyscallTable.of(arch).fullNames());
        IntStream.range(0, random.nextInt(5)).forEach(i -> syscalls.add(pick(names)));
        if (random.nextInt(5) == 0) {
            SyscallTable table = SyscallTable.of(arch);
            IntStream.range(0, 1024).filter(nr -> table.name(nr).isEmpty()).skip(random.nextInt(50)).findFirst()
                    .ifPresent(nr -> syscalls.add("syscall_" + nr));
        }
        Set<String> exec = new TreeSet<>();
        if (withExec) {
            IntStream.range(0, random.nextInt(3)).forEach(i -> exec.add(path()));
        }
        return ModulePolicy.of(groups, syscalls, exec);
    }

    private String moduleName() {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return pick(List.copyOf(new TreeSet<>(ModulePolicy.PSEUDO_MODULES)));
        }
        if (kind == 1) {
            return pick(TRICKY_MODULES);
        }
        List<String> parts = new ArrayList<>();
        IntStream.range(0, 1 + random.nextInt(4)).forEach(i -> {
            String part = word("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", 1, 12);
            parts.add(Character.isDigit(part.charAt(0)) ? "_" + part : part);
        });
        return String.join(".", parts);
    }

    private String path() {
        StringBuilder path = new StringBuilder();
        IntStream.range(0, 1 + random.nextInt(5)).forEach(i -> path.append('/').append(random.nextInt(4) == 0
                ? pick(TRICKY_SEGMENTS) : word("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+@-", 1, 16)));
        String result = path.toString();
        return ManifestGrammar.checkExecPath(result).isEmpty() ? result : "/usr/bin/fallback";
    }

    private String word(String alphabet, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder();
        IntStream.range(0, length).forEach(i -> out.append(alphabet.charAt(random.nextInt(alphabet.length()))));
        return out.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
