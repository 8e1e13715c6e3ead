package io.capgate.agent.supervise;

import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.model.syscalls.SyscallVariant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The seccomp floor: a classic-BPF seccomp filter, installed in programs Capgate starts, that denies with
 * EPERM (before the syscall runs) every syscall no module of the manifest may use at all.
 *
 * <p>The filter mirrors the engine's classification ({@code nr + 1024 * variant}) and allows a call exactly when
 * {@link ResolvedPolicy#union()} holds its index, so it never denies what the engine would allow some module.
 * Where the engine reads arguments the filter reads them too: the open flags ({@code & 0x643}), clone's
 * {@code CLONE_THREAD}, {@code PROT_EXEC} (and {@code MAP_ANONYMOUS} for mmap). A filter cannot follow
 * pointers, so {@code openat2} and {@code clone3}, whose flags sit in a user struct, are decided on the union
 * alone and, when denied, get ENOSYS so that libc and applications fall back to {@code openat}/{@code clone},
 * which the filter can inspect. Numbers the syscall table does not know (newer than its headers) get ENOSYS too,
 * what an older kernel would say. Deliberate exceptions, allowed whatever the manifest says, are what the launcher
 * stub needs after installing the filter: {@code execve}, {@code exit_group} and {@code rt_sigreturn}.
 *
 * <p>Program shape: check {@code seccomp_data.arch} (anything else, such as i386 {@code int 0x80} entry or arm32,
 * is denied), load {@code nr}, then a binary search over ranges of numbers with the same verdict; a leaf is a
 * {@code ret} or, for a syscall with an argument-dependent verdict, a few {@code ld}/{@code jset} and two
 * {@code ret}. See docs/threat-model.md, "The seccomp floor".
 */
final class SeccompFloor {

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;

    static final int RET_ALLOW = 0x7fff0000;
    static final int RET_ERRNO = 0x00050000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    static final int RET_EPERM = RET_ERRNO | EPERM;
    static final int RET_ENOSYS = RET_ERRNO | ENOSYS;

    /** {@code offsetof(struct seccomp_data, nr)}. */
    static final int OFF_NR = 0;
    /** {@code offsetof(struct seccomp_data, arch)}. */
    static final int OFF_ARCH = 4;
    /** {@code offsetof(struct seccomp_data, args)}; each argument is a u64, its low word first (little-endian). */
    static final int OFF_ARGS = 16;

    /** x32 syscalls are the x86_64 numbers with this bit set, under AUDIT_ARCH_X86_64. */
    static final long X32_SYSCALL_BIT = 0x40000000L;
    /** O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND: the engine's {@code :write} test. */
    static final int OPEN_WRITE_FLAGS = 0x643;
    static final int CLONE_THREAD = 0x10000;
    static final int PROT_EXEC = 0x4;
    static final int MAP_ANONYMOUS = 0x20;

    /** What the stub runs after installing the filter; allowed whatever the manifest says. */
    static final Set<String> STUB_NEEDS = Set.of("execve", "exit_group", "rt_sigreturn");

    private static final int MAX_JUMP = 255;

    private SeccompFloor() {
    }

    /**
     * The filter program as {@code struct sock_filter} bytes. Never empty: whatever the manifest allows, the filter
     * still denies foreign-architecture entry, x32 and numbers no manifest can name.
     */
    static Optional<byte[]> forPolicy(ResolvedPolicy policy, SyscallTable table) {
        return Optional.of(encode(program(policy, table)));
    }

    /** The filter for {@code policy} on {@code table}'s architecture. */
    static List<SeccompInsn> program(ResolvedPolicy policy, SyscallTable table) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(table, "table");
        if (policy.arch() != table.arch()) {
            throw new IllegalArgumentException("policy resolved for " + policy.arch() + ", table is " + table.arch());
        }
        List<SeccompInsn> out = new ArrayList<>();
        out.add(SeccompInsn.load(OFF_ARCH));
        out.add(SeccompInsn.jump(SeccompInsn.JEQ_K, auditArch(table.arch()), 1, 0));
        out.add(SeccompInsn.ret(RET_EPERM));
        out.add(SeccompInsn.load(OFF_NR));
        List<Range> ranges = ranges(policy.union(), table);
        out.addAll(search(ranges, 0, ranges.size()));
        if (out.size() > SeccompInsn.MAX_INSNS) {
            throw new IllegalStateException("seccomp floor has " + out.size() + " instructions, the kernel takes "
                    + SeccompInsn.MAX_INSNS);
        }
        return List.copyOf(out);
    }

    /** {@code struct sock_filter[]} in the byte order of both supported architectures (little-endian). */
    static byte[] encode(List<SeccompInsn> program) {
        ByteBuffer buf = ByteBuffer.allocate(program.size() * SeccompInsn.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SeccompInsn i : program) {
            buf.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return buf.array();
    }

    static int auditArch(Arch arch) {
        return switch (arch) {
            case X86_64 -> AUDIT_ARCH_X86_64;
            case AARCH64 -> AUDIT_ARCH_AARCH64;
        };
    }

    /** What the filter answers for a number: a fixed verdict, or one that depends on argument bits. */
    sealed interface Verdict permits Fixed, ArgBits {
    }

    /** Always {@code ret}. */
    record Fixed(int ret) implements Verdict {
    }

    /** {@code whenAll} when every test has a bit of its mask set in its argument's low word, else {@code otherwise}. */
    record ArgBits(List<ArgTest> tests, int whenAll, int otherwise) implements Verdict {
    }

    /** {@code args[arg] & mask != 0}, on the low 32 bits (every mask the engine tests fits there). */
    record ArgTest(int arg, int mask) {
    }

    /** Numbers from {@code start} (unsigned) up to the next range's start share {@code verdict}. */
    record Range(long start, Verdict verdict) {
    }

    private static final Fixed ALLOW = new Fixed(RET_ALLOW);
    private static final Fixed DENY = new Fixed(RET_EPERM);
    private static final Fixed NOSYS = new Fixed(RET_ENOSYS);

    /** Every u32 number's verdict as sorted ranges starting at 0, adjacent equal fixed verdicts merged. */
    static List<Range> ranges(BitSet union, SyscallTable table) {
        List<Range> ranges = new ArrayList<>();
        for (int nr = 0; nr < SyscallVariant.INDEX_STRIDE; nr++) {
            add(ranges, nr, verdict(nr, union, table));
        }
        // Above the index space no manifest can allow anything; x32 (x86_64 only) is another ABI, denied outright.
        add(ranges, SyscallVariant.INDEX_STRIDE, NOSYS);
        if (table.arch() == Arch.X86_64) {
            add(ranges, X32_SYSCALL_BIT, DENY);
        }
        return ranges;
    }

    private static void add(List<Range> ranges, long start, Verdict v) {
        if (v instanceof Fixed && !ranges.isEmpty() && ranges.get(ranges.size() - 1).verdict().equals(v)) {
            return;
        }
        ranges.add(new Range(start, v));
    }

    /** The verdict for syscall number {@code nr} given the union of every module's indexes. */
    static Verdict verdict(int nr, BitSet union, SyscallTable table) {
        Optional<String> name = table.name(nr);
        boolean plain = union.get(nr);
        if (name.isEmpty()) {
            // A raw syscall_<n> in the manifest allows it; otherwise it is newer than the table: look absent.
            return plain ? ALLOW : NOSYS;
        }
        if (STUB_NEEDS.contains(name.get())) {
            return ALLOW;
        }
        boolean write = union.get(index(nr, SyscallVariant.WRITE));
        boolean thread = union.get(index(nr, SyscallVariant.THREAD));
        boolean exec = union.get(index(nr, SyscallVariant.EXEC));
        return switch (name.get()) {
            case "open" -> byArgs(plain, write, new ArgTest(1, OPEN_WRITE_FLAGS));
            case "openat" -> byArgs(plain, write, new ArgTest(2, OPEN_WRITE_FLAGS));
            // Flags in a struct open_how the filter cannot read: only openat2:write proves any openat2 allowed.
            case "openat2" -> write ? ALLOW : NOSYS;
            case "clone" -> byArgs(plain, thread, new ArgTest(0, CLONE_THREAD));
            // Flags in a struct clone_args: allowed when either kind is; the engine still tells them apart.
            case "clone3" -> plain || thread ? ALLOW : NOSYS;
            case "mmap" -> byArgs(plain, exec, new ArgTest(2, PROT_EXEC), new ArgTest(3, MAP_ANONYMOUS));
            case "mprotect", "pkey_mprotect" -> byArgs(plain, exec, new ArgTest(2, PROT_EXEC));
            default -> plain ? ALLOW : DENY;
        };
    }

    private static int index(int nr, SyscallVariant variant) {
        return nr + SyscallVariant.INDEX_STRIDE * variant.code();
    }

    private static Verdict byArgs(boolean plain, boolean variant, ArgTest... tests) {
        if (plain == variant) {
            return plain ? ALLOW : DENY;
        }
        return new ArgBits(List.of(tests), variant ? RET_ALLOW : RET_EPERM, plain ? RET_ALLOW : RET_EPERM);
    }

    /** Binary search over {@code ranges[from, to)} with A = nr; the code ends in a {@code ret} on every path. */
    private static List<SeccompInsn> search(List<Range> ranges, int from, int to) {
        if (to - from == 1) {
            return leaf(ranges.get(from).verdict());
        }
        int mid = (from + to) >>> 1;
        List<SeccompInsn> below = search(ranges, from, mid);
        List<SeccompInsn> above = search(ranges, mid, to);
        int start = (int) ranges.get(mid).start();
        List<SeccompInsn> out = new ArrayList<>(below.size() + above.size() + 2);
        if (below.size() <= MAX_JUMP) {
            out.add(SeccompInsn.jump(SeccompInsn.JGE_K, start, below.size(), 0));
        } else {
            // jt/jf reach 255 instructions; past that, a ja (32-bit offset) carries the "above" branch.
            out.add(SeccompInsn.jump(SeccompInsn.JGE_K, start, 0, 1));
            out.add(SeccompInsn.ja(below.size()));
        }
        out.addAll(below);
        out.addAll(above);
        return out;
    }

    private static List<SeccompInsn> leaf(Verdict v) {
        return switch (v) {
            case Fixed f -> List.of(SeccompInsn.ret(f.ret()));
            case ArgBits a -> {
                List<SeccompInsn> out = new ArrayList<>();
                int n = a.tests().size();
                for (int i = 0; i < n; i++) {
                    ArgTest t = a.tests().get(i);
                    out.add(SeccompInsn.load(OFF_ARGS + 8 * t.arg()));
                    out.add(SeccompInsn.jump(SeccompInsn.JSET_K, t.mask(), 0, 2 * (n - i) - 1));
                }
                out.add(SeccompInsn.ret(a.whenAll()));
                out.add(SeccompInsn.ret(a.otherwise()));
                yield out;
            }
        };
    }
}
