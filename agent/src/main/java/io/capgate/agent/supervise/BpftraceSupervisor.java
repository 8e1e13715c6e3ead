package io.capgate.agent.supervise;

import io.capgate.model.trace.Trace;

/** Supervision with bpftrace on this host. */
final class BpftraceSupervisor implements Supervisor {

    @Override
    public Trace trace(TraceRequest request) throws PreflightException {
        throw new PreflightException(PreflightException.EX_SOFTWARE, "engine wiring in progress");
    }

    @Override
    public int run(RunRequest request) throws PreflightException {
        throw new PreflightException(PreflightException.EX_SOFTWARE, "engine wiring in progress");
    }
}
