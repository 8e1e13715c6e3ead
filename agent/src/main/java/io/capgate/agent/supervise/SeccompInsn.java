package io.capgate.agent.supervise;

/**
 * One classic-BPF instruction, {@code struct sock_filter}: what a seccomp filter is made of.
 *
 * @param code the opcode (class | size/op | mode/source), 16 bits
 * @param jt   forward jump when a conditional jump is true, 0..255 instructions
 * @param jf   forward jump when it is false, 0..255 instructions
 * @param k    the constant operand, 32 bits
 */
record SeccompInsn(int code, int jt, int jf, int k) {

    /** {@code BPF_LD | BPF_W | BPF_ABS}: load the 32-bit word at offset k of {@code struct seccomp_data}. */
    static final int LD_W_ABS = 0x20;
    /** {@code BPF_JMP | BPF_JA}: jump forward k instructions unconditionally. */
    static final int JA = 0x05;
    /** {@code BPF_JMP | BPF_JEQ | BPF_K}. */
    static final int JEQ_K = 0x15;
    /** {@code BPF_JMP | BPF_JGT | BPF_K} (unsigned). */
    static final int JGT_K = 0x25;
    /** {@code BPF_JMP | BPF_JGE | BPF_K} (unsigned). */
    static final int JGE_K = 0x35;
    /** {@code BPF_JMP | BPF_JSET | BPF_K}: true when {@code A & k != 0}. */
    static final int JSET_K = 0x45;
    /** {@code BPF_RET | BPF_K}: the filter's verdict is k. */
    static final int RET_K = 0x06;

    /** The most instructions a classic BPF program may have ({@code BPF_MAXINSNS}). */
    static final int MAX_INSNS = 4096;
    /** Bytes per instruction in a {@code struct sock_filter} array. */
    static final int BYTES = 8;

    SeccompInsn {
        if ((code & ~0xffff) != 0 || (jt & ~0xff) != 0 || (jf & ~0xff) != 0) {
            throw new IllegalArgumentException("instruction out of range: code " + code + " jt " + jt + " jf " + jf);
        }
    }

    static SeccompInsn load(int offset) {
        return new SeccompInsn(LD_W_ABS, 0, 0, offset);
    }

    static SeccompInsn jump(int op, int k, int jt, int jf) {
        return new SeccompInsn(op, jt, jf, k);
    }

    static SeccompInsn ja(int offset) {
        return new SeccompInsn(JA, 0, 0, offset);
    }

    static SeccompInsn ret(int value) {
        return new SeccompInsn(RET_K, 0, 0, value);
    }

    @Override
    public String toString() {
        return switch (code) {
            case LD_W_ABS -> "ld [" + k + "]";
            case JA -> "ja +" + Integer.toUnsignedString(k);
            case JEQ_K, JGT_K, JGE_K, JSET_K -> (code == JEQ_K ? "jeq" : code == JGT_K ? "jgt" : code == JGE_K ? "jge"
                    : "jset") + " #0x" + Integer.toHexString(k) + " jt +" + jt + " jf +" + jf;
            case RET_K -> "ret #0x" + Integer.toHexString(k);
            default -> "op 0x" + Integer.toHexString(code) + " k 0x" + Integer.toHexString(k);
        };
    }
}
