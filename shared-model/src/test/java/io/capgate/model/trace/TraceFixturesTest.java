package io.capgate.model.trace;

import static io.capgate.model.trace.TraceFixtures.aTrace;
import static io.capgate.model.trace.TraceFixtures.module;
import static io.capgate.model.trace.TraceFixtures.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

class TraceFixturesTest {

    @Test
    void aTraceIsConsistent() {
        Trace t = aTrace();
        assertThat(t).isEqualTo(aTrace());
        assertThat(t.modules()).containsOnlyKeys("<interpreter>", "app.main", "uvicorn");
        SyscallTable table = SyscallTable.of(Arch.fromId(t.arch()));
        t.modules().values().forEach(m -> assertThat(m.syscalls().keySet()).allSatisfy(
                name -> assertThat(table.contains(name)).as(name).isTrue()));
    }

    @Test
    void buildersChangeOneField() {
        Trace t = trace().arch("aarch64").build();
        assertThat(t.arch()).isEqualTo("aarch64");
        assertThat(t.modules()).isEqualTo(aTrace().modules());
        assertThat(trace().withoutModule("uvicorn").build().modules()).doesNotContainKey("uvicorn");
        assertThat(trace().noModules().build().modules()).isEmpty();
        assertThat(trace().command().build().command()).isEmpty();
        TraceModule m = module().syscalls("read", "write").syscall("read", 4).exec("/bin/true", 2)
                .sampleStack("a:b:1").build();
        assertThat(m.syscalls()).containsEntry("read", 4L).containsEntry("write", 1L);
        assertThat(TraceFixtures.aTraceWith("x", m).modules().get("x")).isEqualTo(m);
    }
}
