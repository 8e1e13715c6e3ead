package io.capgate.agent.supervise;

import io.capgate.model.trace.Trace;

/**
 * The engine's one entry point for the CLI (and later the agent daemon).
 */
public interface Supervisor {

    /**
     * Traces a command until it exits (or Ctrl-C), or a running process for the request's duration.
     *
     * @throws PreflightException when the host or interpreter cannot be supervised (see its exit codes)
     */
    Trace trace(TraceRequest request) throws PreflightException, InterruptedException;

    /**
     * Runs a command (or attaches to a process) under enforcement.
     *
     * @return the child's exit status: its exit code, or 128 + signal (137 when killed)
     * @throws PreflightException when supervision cannot start
     */
    int run(RunRequest request) throws PreflightException, InterruptedException;

    /** The implementation backed by bpftrace on this host; notices (bpftrace died, events lost) go to the log. */
    static Supervisor local() {
        System.Logger log = System.getLogger("capgate");
        return new BpftraceSupervisor(m -> log.log(System.Logger.Level.WARNING, m));
    }

    /** The implementation backed by bpftrace on this host, with notices handed to {@code notices}. */
    static Supervisor local(java.util.function.Consumer<String> notices) {
        return new BpftraceSupervisor(notices);
    }
}
