package io.capgate.agent.bench;

import io.capgate.agent.os.LinuxProcFs;
import io.capgate.agent.python.ArmedSemaphores;
import io.capgate.agent.python.UsdtSemaphores;
import io.capgate.templates.Bindings;
import io.capgate.templates.Renderer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The secimport-style baseline of {@code scripts/bench.sh}: renders its bpftrace program and arms the USDT
 * semaphores bpftrace 0.17 leaves unarmed when it attaches to a running process.
 *
 * <pre>
 *   script PID OUT       writes usdt-baseline.bt.tmpl for process PID of /usr/bin/python3.11 to OUT
 *   arm PID PROBE...     increments the semaphores of these python:PROBE probes in process PID
 * </pre>
 *
 * <p>{@code arm} leaves them armed when it exits: the benchmark discards the process afterwards.
 */
public final class UsdtBaseline {

    /** The interpreter with USDT probes every benchmark workload runs on. */
    static final String PYTHON = "/usr/bin/python3.11";

    private static final int EX_USAGE = 64;
    private static final int EX_SOFTWARE = 70;

    private UsdtBaseline() {
    }

    /**
     * Runs one verb and exits with its status.
     *
     * @param args the verb and its arguments, see the class comment
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.err));
    }

    static int run(List<String> args, PrintStream err) {
        try {
            if (args.size() == 3 && args.get(0).equals("script")) {
                Files.writeString(Path.of(args.get(2)), script(Integer.parseInt(args.get(1))), StandardCharsets.UTF_8);
                return 0;
            }
            if (args.size() >= 3 && args.get(0).equals("arm")) {
                int pid = Integer.parseInt(args.get(1));
                List<String> names = args.subList(2, args.size());
                ArmedSemaphores armed = new UsdtSemaphores(new LinuxProcFs()).arm(pid,
                        probe -> probe.provider().equals("python") && names.contains(probe.name()));
                err.println("armed " + armed.semaphores().size() + " semaphores of process " + pid);
                return armed.semaphores().size() == names.size() ? 0 : EX_SOFTWARE;
            }
        } catch (NumberFormatException e) {
            err.println("bench: not a pid: " + e.getMessage());
            return EX_USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("bench: " + e);
            return EX_SOFTWARE;
        }
        err.println("usage: script PID OUT | arm PID PROBE...");
        return EX_USAGE;
    }

    /** The baseline program for one process: USDT call and return probes plus raw_syscalls:sys_enter. */
    static String script(int pid) {
        return Renderer.render("usdt-baseline.bt.tmpl", new Bindings()
                .integer("pid", pid)
                .probePath("python", PYTHON));
    }
}
