package io.capgate.model.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The syscall names and numbers of one architecture, and the kernel index of full names.
 *
 * <p>Loaded from {@code io/capgate/model/syscalls/<arch>.tsv}, which {@code tools/gen-syscall-tables.sh} generates
 * from the kernel headers. The kernel index that the eBPF maps use is {@code nr + 1024 * variant.code()}
 * (see {@link SyscallVariant}); {@link #index(String)} and {@link #fullName(int)} convert both ways.
 */
public final class SyscallTable {

    private static final Map<Arch, SyscallTable> TABLES = loadAll();

    private final Arch arch;
    private final Map<String, Integer> numbers;
    private final Map<Integer, String> names;
    private final SortedSet<String> sortedNames;
    private final SortedSet<String> fullNames;
    private final int maxNumber;

    private SyscallTable(Arch arch, Map<String, Integer> numbers) {
        this.arch = arch;
        this.numbers = Map.copyOf(numbers);
        Map<Integer, String> byNumber = new HashMap<>();
        numbers.forEach((name, nr) -> {
            String previous = byNumber.put(nr, name);
            if (previous != null) {
                throw new IllegalStateException("syscall table " + arch + " gives number " + nr + " to both "
                        + previous + " and " + name);
            }
        });
        this.names = Map.copyOf(byNumber);
        this.sortedNames = Collections.unmodifiableSortedSet(new TreeSet<>(numbers.keySet()));
        SortedSet<String> all = new TreeSet<>(numbers.keySet());
        for (SyscallVariant v : SyscallVariant.values()) {
            v.bases().stream().filter(numbers::containsKey).forEach(b -> all.add(new SyscallName(b, v).fullName()));
        }
        this.fullNames = Collections.unmodifiableSortedSet(all);
        this.maxNumber = numbers.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    /** The table of {@code arch}. */
    public static SyscallTable of(Arch arch) {
        return TABLES.get(arch);
    }

    /** The architecture of this table. */
    public Arch arch() {
        return arch;
    }

    /** The number of the syscall called {@code name} (a base name, no variant), if this architecture has it. */
    public OptionalInt number(String name) {
        Integer nr = numbers.get(name);
        return nr == null ? OptionalInt.empty() : OptionalInt.of(nr);
    }

    /** The name of syscall number {@code nr}, if this architecture has it. */
    public Optional<String> name(int nr) {
        return Optional.ofNullable(names.get(nr));
    }

    /** Every syscall name of this architecture, sorted, without variants. */
    public Set<String> names() {
        return sortedNames;
    }

    /** Every full name of this architecture, sorted: the {@link #names()} plus the variants that apply to them. */
    public SortedSet<String> fullNames() {
        return fullNames;
    }

    /** Whether {@code fullName} parses and names a syscall of this table with a variant that applies to it. */
    public boolean contains(String fullName) {
        return fullNames.contains(fullName);
    }

    /** Up to {@code max} full names close to {@code name}, nearest first, for "did you mean" messages. */
    public List<String> closest(String name, int max) {
        return Levenshtein.closest(name, fullNames, max);
    }

    /** The highest syscall number in this table. */
    public int maxNumber() {
        return maxNumber;
    }

    /**
     * The kernel index of a full name: {@code nr + 1024 * variant code}. Accepts {@code syscall_<n>} for numbers this
     * table does not name.
     *
     * @throws IllegalArgumentException when the name is malformed, unknown on this architecture (with suggestions), or
     *                                  a raw {@code syscall_<n>} for a number the table names
     */
    public int index(String fullName) {
        SyscallName parsed = SyscallName.parse(fullName);
        int nr = parsed.rawNumber().isPresent() ? rawNumber(parsed) : tableNumber(parsed);
        return nr + SyscallVariant.INDEX_STRIDE * parsed.variant().code();
    }

    /**
     * The full name of a kernel index, the inverse of {@link #index(String)}; numbers the table does not name give
     * {@code syscall_<n>}.
     *
     * @throws IllegalArgumentException when the index is negative, has an unknown variant code, or a variant that does
     *                                  not apply to the syscall
     */
    public String fullName(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative syscall index " + index);
        }
        int nr = index % SyscallVariant.INDEX_STRIDE;
        int code = index / SyscallVariant.INDEX_STRIDE;
        SyscallVariant variant = SyscallVariant.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                "syscall index " + index + " has unknown variant code " + code));
        SyscallName base = name(nr).map(SyscallName::of).orElseGet(() -> SyscallName.raw(nr));
        if (!variant.appliesTo(base.base())) {
            throw new IllegalArgumentException("syscall index " + index + " on " + arch + " combines " + base
                    + " with variant '" + variant.suffix() + "', which applies only to "
                    + String.join(", ", new TreeSet<>(variant.bases())));
        }
        return new SyscallName(base.base(), variant).fullName();
    }

    private int rawNumber(SyscallName parsed) {
        int nr = parsed.rawNumber().getAsInt();
        Optional<String> known = name(nr);
        if (known.isPresent()) {
            throw new IllegalArgumentException("'" + parsed + "' is " + known.get() + " on " + arch
                    + "; write '" + known.get() + "' instead");
        }
        return nr;
    }

    private int tableNumber(SyscallName parsed) {
        Integer nr = numbers.get(parsed.base());
        if (nr == null) {
            List<String> suggestions = closest(parsed.fullName(), 3);
            throw new IllegalArgumentException("unknown syscall '" + parsed + "' on " + arch
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
        }
        return nr;
    }

    private static Map<Arch, SyscallTable> loadAll() {
        Map<Arch, SyscallTable> tables = new EnumMap<>(Arch.class);
        for (Arch arch : Arch.values()) {
            tables.put(arch, load(arch));
        }
        return tables;
    }

    private static SyscallTable load(Arch arch) {
        String resource = arch.id() + ".tsv";
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("syscall table resource missing: io/capgate/model/syscalls/" + resource);
            }
            return new SyscallTable(arch, parse(resource, new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read syscall table " + resource, e);
        }
    }

    static Map<String, Integer> parse(String source, BufferedReader reader) throws IOException {
        Map<String, Integer> numbers = new TreeMap<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String where = source + ":" + lineNo + ": ";
            if (fields.length != 2 || !fields[1].matches("[0-9]{1,4}")) {
                throw new IllegalStateException(where + "expected name<TAB>number, got '" + line + "'");
            }
            SyscallName name;
            try {
                name = SyscallName.of(fields[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + e.getMessage(), e);
            }
            int nr = Integer.parseInt(fields[1]);
            if (name.rawNumber().isPresent() || nr >= SyscallVariant.INDEX_STRIDE) {
                throw new IllegalStateException(where + "invalid entry '" + line + "'");
            }
            if (numbers.put(name.base(), nr) != null) {
                throw new IllegalStateException(where + "duplicate syscall name " + name);
            }
        }
        return numbers;
    }
}
