package io.capgate.portal.base.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A time range: last hour, day or 7 days (moving with the clock), custom from/to pickers (UTC), and, for an
 * open-ended picker, any time. A bounded picker (trace review) ends a moving range now; an open-ended one (live
 * violations) leaves its end open so new arrivals stay inside it. Element ids: {@code <prefix>-range},
 * {@code <prefix>-from}, {@code <prefix>-to}.
 */
public final class RangePicker extends Composite<HorizontalLayout> {

  /** The choices; a moving range is recomputed on every read, so live views keep showing "the last hour". */
  public enum Range {
    LAST_HOUR("Last hour", Duration.ofHours(1)), LAST_DAY("Last day", Duration.ofDays(1)),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7)), ANY("Any time", null), CUSTOM("Custom", null);

    final String label;
    final Duration length;

    Range(String label, Duration length) {
      this.label = label;
      this.length = length;
    }
  }

  /** From (inclusive) and to (exclusive); either may be null (open, or a custom range not chosen yet). */
  public record Bounds(Instant from, Instant to) {}

  public final Select<Range> range = new Select<>();
  public final DateTimePicker from = new DateTimePicker("From (UTC)");
  public final DateTimePicker to = new DateTimePicker("To (UTC)");
  private final Clock clock;
  private final boolean openEnded;

  /**
   * @param openEnded offer "any time" and leave a moving range's end open; otherwise a moving range ends now
   */
  public RangePicker(String idPrefix, Range initial, boolean openEnded, Clock clock, Runnable onChange) {
    this.clock = clock;
    this.openEnded = openEnded;
    range.setLabel("Time");
    range.setItems(Arrays.stream(Range.values()).filter(r -> openEnded || r != Range.ANY).toList());
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
  public Bounds bounds() {
    var chosen = range.getValue();
    if (chosen == Range.CUSTOM) {
      return new Bounds(from.getValue() == null ? null : from.getValue().toInstant(ZoneOffset.UTC),
          to.getValue() == null ? null : to.getValue().toInstant(ZoneOffset.UTC));
    }
    Instant now = clock.instant();
    if (chosen == null || chosen.length == null) {
      return openEnded ? new Bounds(null, null) : new Bounds(now.minus(Duration.ofDays(1)), now);
    }
    return new Bounds(now.minus(chosen.length), openEnded ? null : now);
  }

  private void showPickers() {
    boolean custom = range.getValue() == Range.CUSTOM;
    from.setVisible(custom);
    to.setVisible(custom);
  }
}
