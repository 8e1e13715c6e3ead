package io.capgate.agent.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;

/** {@link Processes} calling libc through JNA. */
public final class JnaProcesses implements Processes {

    private static final int EPERM = 1;
    private static final int ESRCH = 3;

    /** The libc functions used; JNA binds them by name. */
    interface LibC extends Library {
        int geteuid();

        int kill(int pid, int signal) throws LastErrorException;
    }

    private final LibC libc;

    /** Loads libc (once per instance; cheap after the first). */
    public JnaProcesses() {
        this(Native.load("c", LibC.class));
    }

    JnaProcesses(LibC libc) {
        this.libc = libc;
    }

    @Override
    public boolean isAlive(int pid) {
        requirePid(pid);
        try {
            libc.kill(pid, Signal.NONE.number());
            return true;
        } catch (LastErrorException e) {
            return e.getErrorCode() == EPERM;
        }
    }

    @Override
    public int euid() {
        return libc.geteuid();
    }

    @Override
    public void kill(int pid, Signal signal) throws IOException {
        requirePid(pid);
        try {
            libc.kill(pid, signal.number());
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                throw new NoSuchProcessException(pid, e);
            }
            throw new IOException("kill(%d, %s) failed: errno %d".formatted(pid, signal, e.getErrorCode()), e);
        }
    }

    /** Refuses 0 and negatives: kill(2) would signal a whole process group. */
    private static void requirePid(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a single process id: " + pid);
        }
    }
}
