package io.capgate.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InlineSizedTest {

  @Test
  void entriesGoInOrderIntoRunsThatStayUnderTheRowBudget() {
    var entries = new ArrayList<ObservationEntry>();
    for (int i = 0; i < 1_000; i++) {
      entries.add(anEntry("app.package" + i % 50 + ".module", List.of()));
    }

    var parts = IngestStore.inlineSized(entries);

    assertThat(parts).hasSizeBetween(10, 20);
    assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(entries);
    assertThat(parts).allSatisfy(part -> assertThat(part.size() * 80).isLessThanOrEqualTo(IngestStore.ROW_BYTES));
  }

  @Test
  void anEntryLargerThanTheBudgetGetsARowOfItsOwn() {
    var frames = Collections.nCopies(60, new StackFrame("/srv/app/" + "deep/".repeat(40) + "x.py", "handle", 1));
    var entries = List.of(anEntry("a", List.of()), anEntry("big", frames), anEntry("b", List.of()));

    var parts = IngestStore.inlineSized(entries);

    assertThat(parts).extracting(part -> part.stream().map(ObservationEntry::module).toList())
        .containsExactly(List.of("a"), List.of("big"), List.of("b"));
  }

  @Test
  void oneSmallEntryIsOneRun() {
    assertThat(IngestStore.inlineSized(List.of(anEntry("a", List.of())))).hasSize(1);
  }

  private static ObservationEntry anEntry(String module, List<StackFrame> stack) {
    return new ObservationEntry("7", module, "openat:write", Optional.empty(), 1, 1_767_225_600_000L,
        1_767_225_601_000L, stack);
  }
}
