package io.capgate.agent.supervise;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict classic-BPF interpreter for seccomp filters, enough for what {@link SeccompFloor} emits: {@code ld}
 * absolute words of {@code struct seccomp_data}, {@code ja}, {@code jeq/jgt/jge/jset} with a constant, {@code ret}
 * a constant. It refuses what the kernel's checker refuses (unknown opcodes, unaligned or out-of-bounds loads,
 * jumps past the end, a last instruction that is not a {@code ret}, more than 4096 instructions), so a program
 * it runs is one the kernel would load.
 */
final class SeccompInterpreter {

    /** {@code sizeof(struct seccomp_data)}. */
    static final int DATA_SIZE = 64;

    private final List<SeccompInsn> program;

    /** Decodes {@code struct sock_filter} bytes (little-endian) and checks the program. */
    SeccompInterpreter(byte[] bytes) {
        if (bytes.length == 0 || bytes.length % SeccompInsn.BYTES != 0) {
            throw new IllegalArgumentException("filter of " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<SeccompInsn> insns = new ArrayList<>();
        while (buf.hasRemaining()) {
            insns.add(new SeccompInsn(buf.getShort() & 0xffff, buf.get() & 0xff, buf.get() & 0xff, buf.getInt()));
        }
        this.program = List.copyOf(insns);
        check();
    }

    private void check() {
        int n = program.size();
        if (n > SeccompInsn.MAX_INSNS) {
            throw new IllegalArgumentException(n + " instructions");
        }
        if (program.get(n - 1).code() != SeccompInsn.RET_K) {
            throw new IllegalArgumentException("last instruction is not a ret: " + program.get(n - 1));
        }
        for (int pc = 0; pc < n; pc++) {
            SeccompInsn i = program.get(pc);
            switch (i.code()) {
                case SeccompInsn.LD_W_ABS -> {
                    if (i.k() < 0 || i.k() >= DATA_SIZE || (i.k() & 3) != 0) {
                        throw new IllegalArgumentException(pc + ": bad load offset " + i.k());
                    }
                }
                case SeccompInsn.JA -> {
                    if (Integer.toUnsignedLong(i.k()) >= n - pc - 1) {
                        throw new IllegalArgumentException(pc + ": ja past the end");
                    }
                }
                case SeccompInsn.JEQ_K, SeccompInsn.JGT_K, SeccompInsn.JGE_K, SeccompInsn.JSET_K -> {
                    if (pc + 1 + Math.max(i.jt(), i.jf()) >= n) {
                        throw new IllegalArgumentException(pc + ": jump past the end");
                    }
                }
                case SeccompInsn.RET_K -> {
                }
                default -> throw new IllegalArgumentException(pc + ": unsupported opcode " + i);
            }
        }
    }

    int size() {
        return program.size();
    }

    List<SeccompInsn> program() {
        return program;
    }

    /** The filter's verdict for a syscall. */
    int run(int arch, int nr, long... args) {
        return run(data(arch, nr, args));
    }

    /** The filter's verdict for raw {@code struct seccomp_data} bytes. */
    int run(byte[] data) {
        ByteBuffer d = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int a = 0;
        int pc = 0;
        while (true) {
            SeccompInsn i = program.get(pc);
            pc++;
            switch (i.code()) {
                case SeccompInsn.LD_W_ABS -> a = d.getInt(i.k());
                case SeccompInsn.JA -> pc += i.k();
                case SeccompInsn.JEQ_K -> pc += a == i.k() ? i.jt() : i.jf();
                case SeccompInsn.JGT_K -> pc += Integer.compareUnsigned(a, i.k()) > 0 ? i.jt() : i.jf();
                case SeccompInsn.JGE_K -> pc += Integer.compareUnsigned(a, i.k()) >= 0 ? i.jt() : i.jf();
                case SeccompInsn.JSET_K -> pc += (a & i.k()) != 0 ? i.jt() : i.jf();
                case SeccompInsn.RET_K -> {
                    return i.k();
                }
                default -> throw new IllegalStateException("unreachable: " + i);
            }
        }
    }

    /** {@code struct seccomp_data}: nr, arch, instruction_pointer (0), args[6]. */
    static byte[] data(int arch, int nr, long... args) {
        if (args.length > 6) {
            throw new IllegalArgumentException("at most 6 arguments");
        }
        ByteBuffer d = ByteBuffer.allocate(DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, nr).putInt(4, arch).putLong(8, 0);
        for (int i = 0; i < args.length; i++) {
            d.putLong(16 + 8 * i, args[i]);
        }
        return d.array();
    }
}
