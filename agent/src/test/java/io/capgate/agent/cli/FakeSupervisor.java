package io.capgate.agent.cli;

import java.util.ArrayList;
import java.util.List;

import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.agent.supervise.Supervisor;
import io.capgate.agent.supervise.TraceRequest;
import io.capgate.agent.supervise.Violation;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceFixtures;

/** Records requests and answers with canned results; sends canned progress and violations to the CLI. */
class FakeSupervisor implements Supervisor {

    final List<TraceRequest> traces = new ArrayList<>();
    final List<RunRequest> runs = new ArrayList<>();
    Trace trace = TraceFixtures.aTrace();
    int status;
    PreflightException failure;
    List<TraceRequest.Progress> progress = List.of();
    List<Violation> violations = List.of();

    @Override
    public Trace trace(TraceRequest request) throws PreflightException, InterruptedException {
        traces.add(request);
        if (failure != null) {
            throw failure;
        }
        progress.forEach(request.progress());
        return trace;
    }

    @Override
    public int run(RunRequest request) throws PreflightException, InterruptedException {
        runs.add(request);
        if (failure != null) {
            throw failure;
        }
        violations.forEach(request.violations());
        return status;
    }

    static Violation aViolation() {
        return new Violation("2025-01-15T10:00:01Z", 4242, 4243, "app.main", "exec", "execve", 59, "/bin/sh", "kill",
                List.of(new Violation.Frame("/srv/app/app/main.py", "backdoor", 40, 42)));
    }
}
