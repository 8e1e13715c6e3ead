package io.capgate.agent.supervise;

import io.capgate.agent.os.JnaProcesses;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gate for tests that need root and bpftrace. With {@code -Dcapgate.requireKernel=true} (the test command
 * sets it when it can) a missing facility fails the test instead of skipping it.
 */
final class KernelTests {

    private KernelTests() {
    }

    static void require() {
        boolean root = new JnaProcesses().euid() == 0;
        boolean bpftrace = Files.isExecutable(Path.of("/usr/bin/bpftrace"));
        boolean ok = root && bpftrace;
        if (Boolean.getBoolean("capgate.requireKernel")) {
            if (!ok) {
                throw new AssertionError("kernel tests required but root=" + root + " bpftrace=" + bpftrace);
            }
        } else {
            Assumptions.assumeTrue(ok, "needs root and bpftrace");
        }
    }
}
