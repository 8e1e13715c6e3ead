package io.capgate.agent.python;

import java.nio.file.Path;
import java.util.List;

/**
 * One USDT semaphore in a process: a 16-bit counter the probe site tests before doing the
 * (possibly costly) work of preparing the probe's arguments.
 *
 * @param binary the file defining it
 * @param address its run-time address
 * @param probes {@code provider:name} of the probes guarded by it
 */
public record UsdtSemaphore(Path binary, long address, List<String> probes) {

    /** Copies the probe list. */
    public UsdtSemaphore {
        probes = List.copyOf(probes);
    }
}
