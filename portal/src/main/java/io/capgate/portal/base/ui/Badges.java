package io.capgate.portal.base.ui;

import com.vaadin.flow.component.html.Span;

/** Lumo badges as plain spans, so no extra web component is needed. */
public final class Badges {

  private Badges() {}

  /** A badge with Lumo badge variants such as {@code success}, {@code error}, {@code contrast}, {@code primary}. */
  public static Span badge(String text, String... variants) {
    var badge = new Span(text);
    badge.getElement().getThemeList().add("badge");
    for (String variant : variants) {
      badge.getElement().getThemeList().add(variant);
    }
    badge.getStyle().set("margin", "0 var(--lumo-space-xs) var(--lumo-space-xs) 0");
    return badge;
  }

  /** The strong "risky" marker reviewers must not overlook: a filled error badge. */
  public static Span risky() {
    return badge("risky", "error", "primary");
  }
}
