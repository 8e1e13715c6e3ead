package io.capgate.agent.python;

import io.capgate.agent.os.ProcessMemory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads interpreter threads and Python stacks of a located process from its memory, the way
 * the in-kernel walker does. Used to check offsets against a live process (and in tests);
 * the reads are not atomic, so a running process may yield a torn stack.
 */
public final class PythonRuntimeReader {

    private static final int MAX_THREADS = 10_000;
    private static final int MAX_STRING = 4096;
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private final ProcessMemory memory;
    private final PythonProcess process;
    private final PythonOffsets o;

    /**
     * Reads through an open memory handle of the located process.
     *
     * @param memory the process's memory
     * @param process the located process
     */
    public PythonRuntimeReader(ProcessMemory memory, PythonProcess process) {
        this.memory = memory;
        this.process = process;
        this.o = process.offsets();
    }

    /**
     * The threads of the first (main) interpreter, newest first, each with up to
     * {@code maxFrames} frames.
     *
     * @throws IOException when memory cannot be read (also when the offsets are wrong)
     */
    public List<PythonThread> threads(int maxFrames) throws IOException {
        long interpreter = memory.readLong(process.runtimeAddress() + o.runtimeInterpretersHead());
        if (interpreter == 0) {
            throw new IOException("process %d: _PyRuntime.interpreters.head is NULL (not initialised yet, or wrong offsets)"
                    .formatted(process.pid()));
        }
        List<PythonThread> threads = new ArrayList<>();
        long tstate = memory.readLong(interpreter + o.interpThreadsHead());
        while (tstate != 0 && threads.size() < MAX_THREADS) {
            long tid = memory.readLong(tstate + o.tstateNativeThreadId());
            threads.add(new PythonThread(tstate, tid, stack(tstate, maxFrames)));
            tstate = memory.readLong(tstate + o.tstateNext());
        }
        return threads;
    }

    /**
     * Up to {@code maxFrames} frames of one thread state, innermost first.
     *
     * @throws IOException when memory cannot be read
     */
    public List<PythonFrame> stack(long threadState, int maxFrames) throws IOException {
        List<PythonFrame> frames = new ArrayList<>();
        long cframe = memory.readLong(threadState + o.tstateCframe());
        long frame = cframe == 0 ? 0 : memory.readLong(cframe + o.cframeCurrentFrame());
        while (frame != 0 && frames.size() < maxFrames) {
            long code = memory.readLong(frame + o.iframeFCode());
            if (code != 0) {
                frames.add(new PythonFrame(readString(memory.readLong(code + o.codeCoFilename())),
                        readString(memory.readLong(code + o.codeCoName())),
                        readString(memory.readLong(code + o.codeCoQualname())),
                        memory.readInt(code + o.codeCoFirstlineno())));
            }
            frame = memory.readLong(frame + o.iframePrevious());
        }
        return frames;
    }

    /**
     * Decodes a compact {@code str} object (all code, file and function names are compact).
     *
     * @throws IOException when it is not a compact string or cannot be read
     */
    public String readString(long address) throws IOException {
        if (address == 0) {
            throw new IOException("NULL str pointer");
        }
        int state = memory.readInt(address + o.unicodeState());
        long length = memory.readLong(address + o.unicodeLength());
        if (!o.unicodeCompact(state) || length < 0) {
            throw new IOException("str at 0x%x is not a compact string (state 0x%x, length %d)"
                    .formatted(address, state, length));
        }
        boolean ascii = o.unicodeAscii(state);
        int kind = ascii ? 1 : o.unicodeKind(state);
        if (kind != 1 && kind != 2 && kind != 4) {
            throw new IOException("str at 0x%x has kind %d".formatted(address, kind));
        }
        int chars = (int) Math.min(length, MAX_STRING);
        long data = address + (ascii ? o.unicodeAsciiSize() : o.unicodeCompactSize());
        byte[] bytes = memory.read(data, chars * kind);
        Charset charset = switch (kind) {
            case 1 -> StandardCharsets.ISO_8859_1;
            case 2 -> StandardCharsets.UTF_16LE;
            default -> UTF_32LE;
        };
        return new String(bytes, charset);
    }
}
