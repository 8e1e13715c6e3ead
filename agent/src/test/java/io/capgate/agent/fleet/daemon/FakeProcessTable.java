package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.discovery.ProcessTable;
import io.capgate.agent.os.NoSuchProcessException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory process table: the processes a test says are running. Thread-safe. */
final class FakeProcessTable implements ProcessTable {

    private record Proc(String exe, List<String> argv) {
    }

    private final Map<Integer, Proc> processes = new TreeMap<>();

    /** A process of {@link DaemonFixtures#PYTHON} running {@code service}. */
    synchronized FakeProcessTable python(int pid, String service) {
        processes.put(pid, new Proc(DaemonFixtures.PYTHON, List.of("python3.11", service + ".py")));
        return this;
    }

    synchronized void exit(int pid) {
        processes.remove(pid);
    }

    @Override
    public synchronized List<Integer> pids() {
        return List.copyOf(processes.keySet());
    }

    @Override
    public synchronized String executable(int pid) throws NoSuchProcessException {
        return get(pid).exe();
    }

    @Override
    public synchronized List<String> commandLine(int pid) throws NoSuchProcessException {
        return get(pid).argv();
    }

    @Override
    public List<String> cgroups(int pid) {
        return List.of("0::/user.slice/user-1000.slice/session-2.scope");
    }

    @Override
    public synchronized Stat stat(int pid) throws NoSuchProcessException {
        get(pid);
        return new Stat(1, 1000L + pid);
    }

    private Proc get(int pid) throws NoSuchProcessException {
        Proc p = processes.get(pid);
        if (p == null) {
            throw new NoSuchProcessException(pid, null);
        }
        return p;
    }
}
