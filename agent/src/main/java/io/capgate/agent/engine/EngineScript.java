package io.capgate.agent.engine;

import io.capgate.model.syscalls.SyscallTable;
import io.capgate.templates.Bindings;
import io.capgate.templates.MapEntry;
import io.capgate.templates.Renderer;

import java.util.BitSet;
import java.util.List;

/**
 * Assembles the engine program for one supervised process tree. Every value goes through
 * {@link Bindings}: integers, hashes, ids and a validated probe path; never a manifest string.
 */
public final class EngineScript {

    static final int MAX_DEPTH = 48;
    static final int MAX_PATH = 256;
    static final int MAX_THREADS = 64;
    /** Programs after the main one that each classify one more file of an unfinished stack walk. */
    static final int CONTINUATIONS = 4;
    static final int MAX_FRAMES = 16;
    /** Kernel index the template gives 32-bit/x32 syscalls; no manifest can allow it. */
    public static final int COMPAT_INDEX = 4095;

    private EngineScript() {
    }

    /**
     * Per-run values.
     *
     * @param nonce          starts every line the program prints: output a supervised process forges inside
     *                       a path or name (which may hold newlines) cannot carry it
     * @param interpreterDev kernel device of the interpreter executable (the engine arms at its exec)
     * @param interpreterIno its inode; 0 arms at the first exec
     * @param windowSeconds  trace mode: print the cumulative counts every this many seconds between {@code O} and
     *                       {@code OE} lines (observation windows); 0 prints them only at the end
     */
    public record Session(long nonce, long interpreterDev, long interpreterIno, long windowSeconds) {

        public Session {
            if (windowSeconds < 0) {
                throw new IllegalArgumentException("windowSeconds must not be negative: " + windowSeconds);
            }
        }

        /** A session whose counts are printed only at the end (the CLI's trace). */
        public Session(long nonce, long interpreterDev, long interpreterIno) {
            this(nonce, interpreterDev, interpreterIno, 0);
        }
    }

    /**
     * @param rootPid     the supervised root process
     * @param pending     true when the root has not yet executed the target (launch mode)
     * @param rootRuntime {@code _PyRuntime} address when attaching to a running interpreter, else 0
     * @param always      kernel indexes every module may use (the fast path); ignored in trace mode
     * @param allow       {@code @allow[id, word] = bits} entries
     * @param exec        {@code @ex[id, dev, ino] = 1} entries
     * @param floor       syscall numbers (below 512) the seccomp floor refuses, reported at sys_exit; empty
     *                    when no floor is installed
     * @param session     the output nonce and the interpreter's identity for this run
     */
    public static String render(EngineMode mode, PythonTarget py, SyscallTable table, int rootPid, boolean pending,
                                long rootRuntime, PrefixTable prefixes, BitSet always, List<MapEntry> allow,
                                List<MapEntry> exec, BitSet floor, Session session) {
        Bindings b = new Bindings()
                .string("pyMinor", py.minor())
                .integer("mode", mode.code())
                .integer("rootPid", rootPid)
                .bool("pending", pending)
                .integer("rootRuntime", rootRuntime)
                .probePath("runtimeBinary", py.runtimeBinary())
                .symbol("startSymbol", py.startSymbol())
                .integer("startSymbolValue", py.startSymbolValue())
                .integer("runtimeSymbolValue", py.runtimeSymbolValue())
                .entries("prefixes", prefixes.mapEntries())
                .entries("allow", allow)
                .entries("exec", exec)
                .integer("alwaysBits", 0)
                .bool("floorActive", !floor.isEmpty())
                .integer("floorBits", 0)
                .integer("nonce", session.nonce())
                .integer("interpDev", session.interpreterDev())
                .integer("interpIno", session.interpreterIno())
                .integer("windowSeconds", session.windowSeconds());
        bindIds(b);
        bindOffsets(b, py);
        bindSyscalls(b, table);
        bindLimits(b);
        b.repeat("walk", "walk-pass.bt.tmpl", 1);
        b.repeat("decide", "decide.bt.tmpl", 1);
        b.repeat("continuations", "continue.bt.tmpl", CONTINUATIONS);
        b.repeat("frames", "frames.bt.tmpl", 1);
        String text = Renderer.render("engine.bt.tmpl", b);
        // The fast-path word is an expression over $w; it is built from integers only.
        // The two bit sets are expressions over $w built from integers only; the floor's comes second.
        int first = text.indexOf("$bits = 0;");
        int second = text.indexOf("$bits = 0;", first + 1);
        return text.substring(0, first) + "$bits = " + bitsExpression(always) + ";"
                + text.substring(first + "$bits = 0;".length(), second) + "$bits = " + bitsExpression(floor) + ";"
                + text.substring(second + "$bits = 0;".length());
    }

    static String bitsExpression(BitSet bits) {
        long[] words = java.util.Arrays.copyOf(bits.get(0, 512).toLongArray(), 8);
        StringBuilder e = new StringBuilder();
        for (int w = 0; w < 8; w++) {
            e.append("$w == ").append(w).append(" ? ").append(words[w]).append(" : (");
        }
        e.append('0').append(")".repeat(8));
        return e.toString();
    }

    private static void bindIds(Bindings b) {
        b.integer("stdlibId", ModuleIds.STDLIB)
                .integer("interpreterId", ModuleIds.INTERPRETER)
                .integer("execId", ModuleIds.EXEC)
                .integer("unlistedId", ModuleIds.UNLISTED)
                .integer("unknownId", ModuleIds.UNKNOWN);
    }

    private static void bindOffsets(Bindings b, PythonTarget py) {
        b.integer("rtInterpHead", py.offset("runtime.interpreters_head"))
                .integer("interpThreadsHead", py.offset("interp.threads_head"))
                .integer("tsNext", py.offset("tstate.next"))
                .integer("tsNativeTid", py.offset("tstate.native_thread_id"))
                .integer("tsCframe", py.offset("tstate.cframe"))
                .integer("cframeCurrent", py.offset("cframe.current_frame"))
                .integer("ifCode", py.offset("iframe.f_code"))
                .integer("ifPrevious", py.offset("iframe.previous"))
                .integer("ifPrevInstr", py.offset("iframe.prev_instr"))
                .integer("codeFilename", py.offset("code.co_filename"))
                .integer("codeName", py.offset("code.co_name"))
                .integer("codeFirstLineno", py.offset("code.co_firstlineno"))
                .integer("codeAdaptive", py.offset("code.co_code_adaptive"))
                .integer("uState", py.offset("unicode.state"))
                .integer("uLength", py.offset("unicode.length"))
                .integer("asciiSize", py.offset("unicode.ascii_size"))
                .integer("compactSize", py.offset("unicode.compact_size"))
                .integer("kindShift", py.offset("unicode.state_kind_shift"))
                .integer("compactShift", py.offset("unicode.state_compact_shift"))
                .integer("asciiShift", py.offset("unicode.state_ascii_shift"));
    }

    private static void bindSyscalls(Bindings b, SyscallTable t) {
        b.integer("nrOpen", nr(t, "open"))
                .integer("nrOpenat", nr(t, "openat"))
                .integer("nrOpenat2", nr(t, "openat2"))
                .integer("nrClone", nr(t, "clone"))
                .integer("nrClone3", nr(t, "clone3"))
                .integer("nrFork", nr(t, "fork"))
                .integer("nrVfork", nr(t, "vfork"))
                .integer("nrExecve", nr(t, "execve"))
                .integer("nrExecveat", nr(t, "execveat"))
                .integer("nrMmap", nr(t, "mmap"))
                .integer("nrMprotect", nr(t, "mprotect"))
                .integer("nrPkeyMprotect", nr(t, "pkey_mprotect"))
                .bool("compatCheck", t.arch() == io.capgate.model.syscalls.Arch.X86_64)
                .integer("compatIndex", COMPAT_INDEX);
    }

    /** Syscalls an arch lacks (open, fork on aarch64) get -1, which no syscall id equals. */
    private static long nr(SyscallTable t, String name) {
        return t.number(name).orElse(-1);
    }

    private static void bindLimits(Bindings b) {
        b.integer("maxDepth", MAX_DEPTH)
                .integer("maxPath", MAX_PATH)
                .integer("maxThreads", MAX_THREADS)
                .integer("maxFrames", MAX_FRAMES)
                .integer("fnvOffset", PathHash.FNV_OFFSET)
                .integer("fnvPrime", PathHash.FNV_PRIME)
                .integer("exactSalt", PathHash.EXACT_SALT)
                .integer("hashMask", PathHash.HASH_MASK);
    }
}
