package io.capgate.model.trace;

import static io.capgate.model.trace.TraceFixtures.aTrace;
import static io.capgate.model.trace.TraceFixtures.module;
import static io.capgate.model.trace.TraceFixtures.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMergerTest {

    @Test
    void singleTraceIsReturnedAsIs() {
        Trace t = aTrace();
        assertThat(TraceMerger.merge(List.of(t))).isSameAs(t);
    }

    @Test
    void sumsCountsDurationsAndLostEvents() {
        Trace first = trace().lostEvents(2).durationMillis(1000).build();
        Trace second = trace().service("other").startedAt("2025-02-01T00:00:00Z").lostEvents(3).durationMillis(500)
                .module("app.main", module().syscall("openat", 1).syscall("openat:write", 2).exec("/usr/bin/git", 4)
                        .exec("/bin/sh", 1).sampleStack("other:frame:1"))
                .module("requests", module().syscall("connect", 2).sampleStack("requests/api.py:get:73"))
                .build();
        Trace merged = TraceMerger.merge(List.of(first, second));

        assertThat(merged.lostEvents()).isEqualTo(5);
        assertThat(merged.durationMillis()).isEqualTo(1500);
        assertThat(merged.service()).isEqualTo("fastapi-demo");
        assertThat(merged.startedAt()).isEqualTo(first.startedAt());
        assertThat(merged.command()).isEqualTo(first.command());
        assertThat(merged.modules()).containsOnlyKeys("<interpreter>", "app.main", "uvicorn", "requests");
        TraceModule app = merged.modules().get("app.main");
        assertThat(app.syscalls()).containsEntry("openat", 5L).containsEntry("read", 12L)
                .containsEntry("getrandom", 1L).containsEntry("openat:write", 2L);
        assertThat(app.exec()).containsEntry("/usr/bin/git", 5L).containsEntry("/bin/sh", 1L);
        assertThat(app.sampleStack()).isEqualTo(first.modules().get("app.main").sampleStack());
        assertThat(merged.modules().get("<interpreter>").syscalls().get("read")).isEqualTo(600L);
        assertThat(merged.modules().get("requests").sampleStack()).containsExactly("requests/api.py:get:73");
    }

    @Test
    void keepsTheFirstNonEmptySampleStack() {
        Trace withoutStack = trace().module("m", module().syscalls("read")).build();
        Trace withStack = trace().module("m", module().syscalls("read").sampleStack("a:b:1")).build();
        Trace another = trace().module("m", module().syscalls("read").sampleStack("c:d:2")).build();
        TraceModule m = TraceMerger.merge(List.of(withoutStack, withStack, another)).modules().get("m");
        assertThat(m.sampleStack()).containsExactly("a:b:1");
        assertThat(m.syscalls()).containsEntry("read", 3L);
    }

    @Test
    void mergeIsOrderIndependentForCounts() {
        Trace a = trace().module("x", module().syscall("read", 2)).build();
        Trace b = trace().module("x", module().syscall("write", 3)).build();
        assertThat(TraceMerger.merge(List.of(a, b)).modules())
                .isEqualTo(TraceMerger.merge(List.of(b, a)).modules());
    }

    @Test
    void refusesDifferentArchitectures() {
        Trace arm = trace().arch("aarch64").service("edge").build();
        assertThatThrownBy(() -> TraceMerger.merge(List.of(aTrace(), aTrace(), arm)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot merge traces of different architecture (x86_64, aarch64); trace #1 (fastapi-demo):"
                        + " x86_64, #2 (fastapi-demo): x86_64, #3 (edge): aarch64. Build one manifest per architecture.");
    }

    @Test
    void refusesDifferentApiVersions() {
        assertThatThrownBy(() -> TraceMerger.merge(List.of(aTrace(), trace().apiVersion("capgate.io/v0").build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot merge traces of different apiVersion (capgate.io/v1, capgate.io/v0)");
    }

    @Test
    void refusesEmptyAndNull() {
        assertThatThrownBy(() -> TraceMerger.merge(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no traces to merge");
        assertThatThrownBy(() -> TraceMerger.merge(null)).isInstanceOf(NullPointerException.class);
        List<Trace> withNull = new ArrayList<>(Arrays.asList(aTrace(), null));
        assertThatThrownBy(() -> TraceMerger.merge(withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void overflowFailsInsteadOfWrapping() {
        Trace huge = trace().lostEvents(Long.MAX_VALUE).build();
        assertThatThrownBy(() -> TraceMerger.merge(List.of(huge, trace().lostEvents(1).build())))
                .isInstanceOf(ArithmeticException.class);
        Trace big = aTraceWithCount(Long.MAX_VALUE);
        assertThatThrownBy(() -> TraceMerger.merge(List.of(big, aTraceWithCount(1))))
                .isInstanceOf(ArithmeticException.class);
    }

    private static Trace aTraceWithCount(long count) {
        return TraceFixtures.aTraceWith("m", module().syscall("read", count).build());
    }
}
