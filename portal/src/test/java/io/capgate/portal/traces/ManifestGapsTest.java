package io.capgate.portal.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The gap between observations and a manifest, and the draft built from them, without a database. */
class ManifestGapsTest {

  static Trace trace(Map<String, TraceModule> modules) {
    return new Trace(Trace.API_VERSION, "fastapi-demo", "x86_64", "3.11", "", "", List.of(), "", 1000, 0,
        new TreeMap<>(modules));
  }

  static TraceModule module(Map<String, Long> syscalls, Map<String, Long> exec) {
    return new TraceModule(new TreeMap<>(syscalls), new TreeMap<>(exec), List.of());
  }

  @Test
  void aCoveredTraceHasNothingNotAllowedAndListsWhatWasNotUsed() {
    var observed = trace(Map.of("app.main", module(Map.of("openat", 3L, "read", 9L), Map.of("/usr/bin/git", 1L))));

    var gap = ManifestGaps.between(observed, ManifestFixtures.aManifest());

    assertThat(gap.notAllowed()).isEmpty();
    assertThat(gap.risky()).isFalse();
    assertThat(gap.neverObserved()).extracting(ManifestGap.NeverObserved::module, ManifestGap.NeverObserved::name)
        .contains(org.assertj.core.groups.Tuple.tuple("uvicorn", "net.listen"),
            org.assertj.core.groups.Tuple.tuple("<interpreter>", "fs.read"))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("app.main", "fs.read"),
            org.assertj.core.groups.Tuple.tuple("app.main", "/usr/bin/git"));
  }

  @Test
  void spawningAShellIsNotAllowedAndRisky() {
    var observed = trace(Map.of("app.main", module(Map.of("execve", 1L), Map.of("/bin/sh", 1L))));

    var gap = ManifestGaps.between(observed, ManifestFixtures.aManifest());

    assertThat(gap.risky()).isTrue();
    assertThat(gap.notAllowed()).extracting(ManifestGap.NotAllowed::kind, ManifestGap.NotAllowed::name,
        ManifestGap.NotAllowed::group, ManifestGap.NotAllowed::risky).containsExactly(
            org.assertj.core.groups.Tuple.tuple("syscall", "execve", "proc.spawn", true),
            org.assertj.core.groups.Tuple.tuple("exec", "/bin/sh", "", true));
  }

  @Test
  void theDraftAddsOnlyWhatTheActiveVersionDoesNotAllowAndRemovesNothing() {
    var observed = trace(Map.of("app.main", module(Map.of("openat", 3L, "execve", 1L), Map.of("/bin/sh", 1L)),
        "requests", module(Map.of("connect", 2L), Map.of())));
    var active = ManifestFixtures.aManifest();

    var draft = DraftManifest.build(observed, Optional.of(active), "ignored");

    assertThat(draft.service()).isEqualTo(active.service());
    assertThat(draft.defaults()).isEqualTo(active.defaults());
    assertThat(draft.modules().get("app.main").capabilities()).containsExactly("fs.read", "io", "proc.spawn");
    assertThat(draft.modules().get("app.main").exec()).containsExactly("/bin/sh", "/usr/bin/git");
    assertThat(draft.modules().get("uvicorn")).isEqualTo(active.modules().get("uvicorn"));
    assertThat(draft.modules().get("<interpreter>")).isEqualTo(active.modules().get("<interpreter>"));
    assertThat(draft.modules().get("requests").capabilities()).isNotEmpty();
    assertThat(ManifestGaps.between(observed, draft).notAllowed()).as("the draft covers the observations").isEmpty();
  }

  @Test
  void aDraftNeedsSomethingNewToAdd() {
    var observed = trace(Map.of("app.main", module(Map.of("openat", 3L), Map.of())));
    assertThatThrownBy(() -> DraftManifest.build(observed, Optional.of(ManifestFixtures.aManifest()), "x"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already allows everything");
    assertThatThrownBy(() -> DraftManifest.build(trace(Map.of()), Optional.empty(), "x"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nothing was observed");
  }

  @Test
  void withoutAnActiveVersionTheDraftIsWhatCapgateBuildMakes() {
    var observed = trace(Map.of("app.main", module(Map.of("openat", 3L, "futex", 8L), Map.of())));

    var draft = DraftManifest.build(observed, Optional.empty(), "checkout-api");

    assertThat(draft.service()).isEqualTo("checkout-api");
    assertThat(draft.defaults().capabilities()).containsExactly("mem", "sys.basic");
    assertThat(draft.modules().get("app.main").capabilities()).containsExactly("fs.read");
    assertThat(draft.modules().get("app.main").syscalls()).isEmpty();
  }

  @Test
  void thePythonVersionComesFromTheServicesInterpreter() {
    assertThat(TraceReview.pythonOf("cpython-3.11")).isEqualTo("3.11");
    assertThat(TraceReview.pythonOf("cpython-3.13.1")).isEqualTo("3.13");
    assertThat(TraceReview.pythonOf("pypy")).isEmpty();
  }
}
