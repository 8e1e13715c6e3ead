package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.engine.ModuleIds;
import io.capgate.agent.engine.ModuleNamer;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.syscalls.SyscallTable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns the engine's output lines (see engine.bt.tmpl's header) into names: file chunks into paths,
 * attribution keys into modules, violation records into {@link Violation}s, and the END counts into
 * per-module observations.
 */
final class OutputAssembler {

    private final ModuleNamer namer;
    private final ModuleIds ids;
    private final SyscallTable table;
    private final EngineMode mode;
    private final Clock clock;
    private final Consumer<Violation> violations;
    /** Things the user should know (a script recorded as its interpreter); set by the supervisor. */
    Consumer<String> notices = m -> { };
    private final Map<Long, TreeMap<Integer, String>> chunks = new ConcurrentHashMap<>();
    /** module -> syscall full name -> count */
    final Map<String, Map<String, Long>> observed = new TreeMap<>();
    /** module -> program path -> count */
    final Map<String, Map<String, Long>> execs = new TreeMap<>();
    private final Map<Long, List<Violation.Frame>> frames = new HashMap<>();
    private final Map<Long, String[]> pendingViolation = new HashMap<>();
    private final Map<Integer, String> lastExec = new HashMap<>();
    private final String prefix;
    private StringBuilder pending;
    private boolean afterEnd;
    /** Supervised processes alive now (the root and every forked child not yet exited). */
    final java.util.Set<Integer> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Lines that were neither the program's nor bpftrace's: reported, never interpreted. */
    long foreign;
    /** Maps a frame's instruction offset to its current line. */
    LineResolver lines = LineResolver.NONE;
    long rate;
    /** Events bpftrace reported lost in its kernel buffer. */
    long lost;
    /** The manifest's union of kernel indexes when a seccomp floor is installed (names floor records). */
    BitSet floorUnion = new BitSet();
    /** True once the engine killed a supervised process. */
    boolean killed;
    /** 32-bit syscalls seen while tracing (never counted into a module: no manifest can allow them). */
    long compat;
    /** Output lines that could not be read (a bug if ever non-zero; kept apart from kernel losses). */
    long malformed;
    /** Trace sessions with a {@link SessionControl}: periodic observation windows, else null. */
    ObservationWindows windows;
    /** Receives each "Lost N events" as it arrives. */
    java.util.function.LongConsumer lostListener = n -> { };
    /** Processes supervised, for sessions with a {@link SessionControl}; else null. */
    Coverage coverage;

    OutputAssembler(ModuleNamer namer, ModuleIds ids, SyscallTable table, EngineMode mode, Clock clock,
                    long nonce, Consumer<Violation> violations) {
        this.prefix = nonce + " ";
        this.namer = namer;
        this.ids = ids;
        this.table = table;
        this.mode = mode;
        this.clock = clock;
        this.violations = violations;
    }

    /**
     * One physical line of bpftrace output. Lines the program printed start with the run's nonce; a line
     * without it either is bpftrace's own (map prints after the END marker, lost-event notices, progress)
     * or continues the string that ended the previous record: a path or function name may contain newlines,
     * and whatever a supervised process puts there can never start a record of its own.
     */
    synchronized void accept(String line) {
        if (line.startsWith(prefix)) {
            flush();
            String body = line.substring(prefix.length());
            // Records whose last field is a string (F, S, T, E) may continue on the following lines.
            boolean stringLast = body.length() > 1 && body.charAt(1) == ' ' && "FSTE".indexOf(body.charAt(0)) >= 0;
            if (stringLast) {
                pending = new StringBuilder(body);
            } else {
                record(body);
            }
        } else if ((afterEnd || windows != null && windows.printing()) && line.startsWith("@obs[")) {
            flush();
            parse(() -> other(line));
        } else if (line.startsWith("@rate: ") || line.startsWith("Lost ")) {
            flush();
            parse(() -> other(line));
        } else if (pending != null) {
            pending.append('\n').append(line);
        } else if (!line.isEmpty() && !line.startsWith("Attaching ")) {
            // bpftrace's own blank lines and its "Attaching N probes..." are expected; anything else is not.
            foreign++;
        }
    }

    /** Processes the record still waiting for possible continuation lines (call once output has ended). */
    synchronized void end() {
        flush();
        if (afterEnd) {
            windowEnds();
        }
    }

    private void forked(int child) {
        live.add(child);
        if (coverage != null) {
            coverage.forked(child);
        }
    }

    private void exited(int pid) {
        live.remove(Integer.valueOf(pid));
        if (coverage != null) {
            coverage.exited(pid);
        }
    }

    private void windowBegins() {
        if (windows != null) {
            windows.begin();
        }
    }

    private void windowEnds() {
        if (windows != null && windows.printing()) {
            windows.finish(clock.instant(), this::moduleOf, table::fullName);
        }
    }

    private void flush() {
        if (pending != null) {
            String body = pending.toString();
            pending = null;
            record(body);
        }
    }

    private void record(String body) {
        parse(() -> {
            String[] f = body.split(" ", 0);
            switch (f[0]) {
                case "F" -> chunk(number(f[1]), Integer.parseInt(f[2]), body);
                case "V" -> pendingViolation.put(number(f[1]), f);
                case "S" -> frame(f, body);
                case "T" -> frameTail(f, body);
                case "W" -> finishViolation(number(f[1]));
                case "E" -> exec(f, body);
                case "P" -> forked(Integer.parseInt(f[2]));
                case "X" -> exited(Integer.parseInt(f[1]));
                case "O" -> windowBegins();
                case "OE" -> windowEnds();
                case "C" -> compat++;
                case "END" -> {
                    afterEnd = true;
                    windowBegins(); // the final counts close the last window
                }
                case "READY" -> { }
                default -> malformed++;
            }
        });
    }

    private void parse(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // A line we cannot read is not a reason to stop supervising; it is counted and reported.
            malformed++;
        }
    }

    private void other(String line) {
        if (line.startsWith("@obs[")) {
            int close = line.indexOf("]: ");
            String[] key = line.substring(5, close).split(", ");
            long ak = number(key[0].trim());
            int idx = Integer.parseInt(key[1].trim());
            long count = number(line.substring(close + 3).trim());
            if (windows != null && windows.printing()) {
                windows.count(ak, idx, count);
            }
            if (afterEnd) {
                observed.computeIfAbsent(moduleOf(ak), k -> new TreeMap<>())
                        .merge(table.fullName(idx), count, Long::sum);
            }
        } else if (line.startsWith("@rate: ")) {
            rate = number(line.substring("@rate: ".length()));
        } else if (line.startsWith("Lost ")) {
            long n = number(line.split(" ")[1]);
            lost += n;
            lostListener.accept(n);
        }
    }

    private void chunk(long fileId, int offset, String line) {
        int start = nthSpace(line, 3) + 1;
        chunks.computeIfAbsent(fileId, k -> new TreeMap<>()).put(offset, line.substring(start));
    }

    /** bpftrace prints u64 values with %lu (unsigned) and map keys signed; both denote the same 64 bits. */
    static long number(String text) {
        String t = text.trim();
        return t.startsWith("-") ? Long.parseLong(t) : Long.parseUnsignedLong(t);
    }

    private static int nthSpace(String s, int n) {
        int i = -1;
        for (int k = 0; k < n; k++) {
            i = s.indexOf(' ', i + 1);
        }
        return i;
    }

    String path(long fileId) {
        TreeMap<Integer, String> parts = chunks.get(fileId);
        return parts == null ? null : String.join("", parts.values());
    }

    /** The module an attribution key stands for. */
    String moduleOf(long ak) {
        long fileId = ak >>> 16;
        int id = (int) (ak & 0xffff);
        if (fileId != 0) {
            String path = path(fileId);
            if (path != null) {
                return namer.moduleOf(path).orElse(ModulePolicy.INTERPRETER);
            }
        }
        return ids.name(id).orElse(ModulePolicy.UNKNOWN);
    }

    private void frame(String[] f, String line) {
        long ts = number(f[1]);
        long ak = number(f[3]);
        int first = Integer.parseInt(f[4]);
        long offset = number(f[5]);
        String name = line.substring(nthSpace(line, 6) + 1);
        String file = ak == 0 ? "?" : String.valueOf(path(ak >>> 16));
        int current = lines.line(file, name, first, offset);
        frames.computeIfAbsent(ts, k -> new ArrayList<>()).add(new Violation.Frame(file, name, first, current));
    }

    /** The last bytes of the file name of a frame whose file the kernel had not classified yet. */
    private void frameTail(String[] f, String line) {
        List<Violation.Frame> stack = frames.get(number(f[1]));
        int depth = Integer.parseInt(f[2]);
        if (stack != null && depth < stack.size()) {
            Violation.Frame old = stack.get(depth);
            String tail = line.substring(nthSpace(line, 3) + 1);
            stack.set(depth, new Violation.Frame(tail.startsWith("/") ? tail : "..." + tail, old.function(),
                    old.firstLine(), old.line()));
        }
    }

    private void finishViolation(long ts) {
        String[] v = pendingViolation.remove(ts);
        List<Violation.Frame> stack = frames.remove(ts);
        if (v == null) {
            return;
        }
        int idx = (int) number(v[4]);
        long ak = number(v[5]);
        int kind = Integer.parseInt(v[6]);
        String kindWord = switch (kind) {
            case 1 -> "exec";
            case 2 -> "compat";
            case 3 -> "floor";
            default -> "syscall";
        };
        // A floor record carries the plain number; if the plain call is allowed, it was the write variant.
        int shown = kind == 3 && floorUnion.get(idx) ? idx + 1024 : idx;
        String name = kind == 2 ? "compat" : table.fullName(shown);
        int number = kind == 2 ? -1 : idx % 1024;
        if (mode == EngineMode.TRACE) {
            // Trace mode reports the stack of the first call of each (key, syscall): an observation's sample.
            if (windows != null && kind == 0) {
                windows.sample(moduleOf(ak), name, stack == null ? List.of() : stack);
            }
            return;
        }
        String action = mode.word();
        if (mode == EngineMode.KILL) {
            killed = true;
        }
        violations.accept(new Violation(clock.instant().toString(), Integer.parseInt(v[2]), Integer.parseInt(v[3]),
                moduleOf(ak), kindWord, name, number, kind == 1 ? lastExec.get(Integer.parseInt(v[2])) : null, action, stack == null ? List.of() : stack));
    }

    private void exec(String[] f, String line) {
        long ak = number(f[4]);
        String path = line.substring(nthSpace(line, 7) + 1);
        String program = ExecIdentity.program(path, number(f[5]), number(f[6]), notices);
        lastExec.put(Integer.parseInt(f[2]), program);
        if (ak == 0) {
            return;
        }
        if (windows != null) {
            windows.exec(moduleOf(ak), program);
        }
        execs.computeIfAbsent(moduleOf(ak), k -> new TreeMap<>()).merge(program, 1L, Long::sum);
    }

    static String canonical(String path) {
        try {
            return java.nio.file.Path.of(path).toRealPath().toString();
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    /** Modules seen so far: named from every non-stdlib file the kernel has classified (live progress). */
    synchronized int modulesSeen() {
        java.util.Set<String> names = new java.util.HashSet<>(observed.keySet());
        for (long fileId : chunks.keySet()) {
            namer.moduleOf(path(fileId)).ifPresent(names::add);
        }
        return names.size();
    }
}
