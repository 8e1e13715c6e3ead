package io.capgate.portal.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * Short messages for the user. Errors stay until closed so they can be read (ids
 * {@code notification-error} for the text and {@code notification-close} for its button).
 */
public final class Notifications {

  private Notifications() {}

  public static Notification success(String message) {
    var notification = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
    notification.addThemeVariants(NotificationVariant.SUCCESS);
    return notification;
  }

  /** An error the server gave, e.g. an action it refused. */
  public static Notification error(String message) {
    var notification = new Notification();
    notification.addThemeVariants(NotificationVariant.ERROR);
    notification.setPosition(Notification.Position.MIDDLE);
    notification.setDuration(0);
    var text = new Span(message);
    text.setId("notification-error");
    var close = new Button("Close", e -> notification.close());
    close.addThemeVariants(ButtonVariant.TERTIARY);
    close.setId("notification-close");
    var layout = new HorizontalLayout(text, close);
    layout.setAlignItems(FlexComponent.Alignment.CENTER);
    notification.add(layout);
    notification.open();
    return notification;
  }
}
