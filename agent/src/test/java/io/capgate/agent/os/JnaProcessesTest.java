package io.capgate.agent.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JnaProcessesTest {

    private final Processes processes = new JnaProcesses();

    @Test
    void seesItselfAliveAndReportsEuid() {
        assertThat(processes.isAlive((int) ProcessHandle.current().pid())).isTrue();
        assertThat(processes.euid()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void killsAChildAndThenSeesItGone() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        int pid = (int) child.pid();
        assertThat(processes.isAlive(pid)).isTrue();

        processes.kill(pid, Signal.SIGTERM);

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(processes.isAlive(pid)).isFalse();
        assertThatThrownBy(() -> processes.kill(pid, Signal.SIGTERM)).isInstanceOf(NoSuchProcessException.class);
    }

    @Test
    void refusesProcessGroupPids() {
        assertThatThrownBy(() -> processes.kill(0, Signal.SIGKILL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> processes.isAlive(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
