package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.html.Span;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.manifests.ManifestState;

/** A version's state as a badge; its text is the state's API name (ACTIVE, IN_REVIEW, ...). */
final class StateBadges {

  private StateBadges() {}

  static Span of(ManifestState state) {
    return switch (state) {
      case DRAFT -> Badges.badge(state.name(), "contrast");
      case IN_REVIEW -> Badges.badge(state.name(), "warning");
      case APPROVED -> Badges.badge(state.name(), "success");
      case ACTIVE -> Badges.badge(state.name(), "success", "primary");
      case REJECTED -> Badges.badge(state.name(), "error");
      case SUPERSEDED -> Badges.badge(state.name());
    };
  }
}
