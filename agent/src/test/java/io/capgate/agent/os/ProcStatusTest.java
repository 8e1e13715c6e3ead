package io.capgate.agent.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void readsIdentityFields() throws Exception {
        String text = """
                Name:\tpython3.11
                Umask:\t0022
                State:\tS (sleeping)
                Tgid:\t4242
                Ngid:\t0
                Pid:\t4243
                PPid:\t1
                Uid:\t1000\t0\t0\t0
                Gid:\t1000\t1000\t1000\t1000
                """;

        assertThat(ProcStatus.parse(text, "status")).isEqualTo(new ProcStatus("python3.11", 4242, 1, 1000, 0));
    }

    @Test
    void reportsMissingFields() {
        assertThatThrownBy(() -> ProcStatus.parse("Name:\tx\nTgid:\t1\nPPid:\t0\n", "/proc/1/status"))
                .isInstanceOf(ProcFormatException.class).hasMessage("/proc/1/status has no Uid: line");
        assertThatThrownBy(() -> ProcStatus.parse("Tgid:\tx\nPPid:\t0\nUid:\t0\t0\n", "s"))
                .isInstanceOf(ProcFormatException.class).hasMessage("s: Tgid is not a number: x");
    }
}
