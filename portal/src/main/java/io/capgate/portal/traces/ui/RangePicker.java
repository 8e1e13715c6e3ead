package io.capgate.portal.traces.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A bounded time range: last hour, day or 7 days (ending now), or custom from/to pickers (UTC).
 * Element ids: {@code <prefix>-range}, {@code <prefix>-from}, {@code <prefix>-to}.
 */
final class RangePicker extends Composite<HorizontalLayout> {

  /** The choices; a moving range is recomputed on every read, so live views keep showing "the last hour". */
  enum Range {
    LAST_HOUR("Last hour", Duration.ofHours(1)), LAST_DAY("Last day", Duration.ofDays(1)),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7)), CUSTOM("Custom", null);

    final String label;
    final Duration length;

    Range(String label, Duration length) {
      this.label = label;
      this.length = length;
    }
  }

  /** From (inclusive) and to (exclusive); null parts when a custom range is not chosen yet. */
  record Bounds(Instant from, Instant to) {}

  final Select<Range> range = new Select<>();
  final DateTimePicker from = new DateTimePicker("From (UTC)");
  final DateTimePicker to = new DateTimePicker("To (UTC)");
  private final Clock clock;

  RangePicker(String idPrefix, Range initial, Clock clock, Runnable onChange) {
    this.clock = clock;
    range.setLabel("Time");
    range.setItems(Range.values());
    range.setItemLabelGenerator(r -> r.label);
    range.setValue(initial);
    range.setId(idPrefix + "-range");
    from.setId(idPrefix + "-from");
    to.setId(idPrefix + "-to");
    showPickers();
    range.addValueChangeListener(e -> {
      showPickers();
      onChange.run();
    });
    from.addValueChangeListener(e -> onChange.run());
    to.addValueChangeListener(e -> onChange.run());
    var layout = getContent();
    layout.setPadding(false);
    layout.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    layout.add(range, from, to);
  }

  /** The bounds now. */
  Bounds bounds() {
    var chosen = range.getValue();
    if (chosen == Range.CUSTOM) {
      return new Bounds(from.getValue() == null ? null : from.getValue().toInstant(ZoneOffset.UTC),
          to.getValue() == null ? null : to.getValue().toInstant(ZoneOffset.UTC));
    }
    Instant now = clock.instant();
    return new Bounds(now.minus(chosen == null ? Duration.ofDays(1) : chosen.length), now);
  }

  private void showPickers() {
    boolean custom = range.getValue() == Range.CUSTOM;
    from.setVisible(custom);
    to.setVisible(custom);
  }
}
