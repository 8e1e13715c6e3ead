package io.capgate.portal.approvals.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.capgate.portal.approvals.ApprovalRequest;
import io.capgate.portal.approvals.ApprovalStatus;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.PageSection;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import java.util.Set;
import org.springframework.core.annotation.Order;

/**
 * The review part of a manifest version's page: the approval request (status, count, who asked and
 * why), the reviewers' decisions and the comment thread, with the buttons the user may use. The
 * buttons only hide what the server would refuse (the author never sees approve); when the server
 * refuses anyway its message is shown.
 *
 * <p>Element ids: {@code version-review}, {@code approval-status} (text: OPEN, APPROVED, ...),
 * {@code approval-count} ("n of m approvals"), {@code approval-requested-by}, {@code approval-reason},
 * {@code approval-decisions}, {@code approval-comments}, {@code version-approve}, {@code version-reject},
 * {@code version-comment} (each opens {@code decision-dialog}: {@code decision-comment},
 * {@code decision-confirm}), {@code version-activate}.
 */
@org.springframework.stereotype.Component
@Order(10)
class VersionReviewSection implements PageSection<ManifestVersionDetails> {

  private final Approvals approvals;
  private final ProjectService projects;
  private final Access access;

  VersionReviewSection(Approvals approvals, ProjectService projects, Access access) {
    this.approvals = approvals;
    this.projects = projects;
    this.access = access;
  }

  @Override
  public Component create(ManifestVersionDetails details) {
    var version = details.version();
    var section = new VerticalLayout(new H3("Review"));
    section.setId("version-review");
    section.setPadding(false);
    approvals.forVersion(version.id()).ifPresentOrElse(
        request -> section.add(createRequest(request), createButtons(version, request),
            createDecisions(request), createComments(request)),
        () -> section.add(new Paragraph(version.state() == ManifestState.DRAFT
            ? "A draft is not under review yet: submit it to ask for approval." : "No approval request.")));
    return section;
  }

  private Component createRequest(ApprovalRequest request) {
    var status = Badges.badge(request.status().name(), switch (request.status()) {
      case OPEN -> "warning";
      case APPROVED -> "success";
      case REJECTED -> "error";
      case WITHDRAWN -> "contrast";
    });
    status.setId("approval-status");
    var count = new Span(request.approvals() + " of " + request.requiredApprovals() + " approvals");
    count.setId("approval-count");
    var requestedBy = new Span("requested by " + request.requestedByName() + " on " + Formats.dateTime(request.createdAt()));
    requestedBy.setId("approval-requested-by");
    var reason = new Paragraph(request.reason());
    reason.setId("approval-reason");
    reason.getStyle().set("white-space", "pre-wrap").set("margin", "0");
    var header = new HorizontalLayout(status, count, requestedBy);
    header.setAlignItems(HorizontalLayout.Alignment.BASELINE);
    return new Div(header, reason);
  }

  private Component createButtons(ManifestVersion version, ApprovalRequest request) {
    var buttons = new HorizontalLayout();
    var user = access.currentUser();
    Set<Role> roles = access.projectRoles(version.projectId());
    if (request.status() == ApprovalStatus.OPEN) {
      boolean author = user.id() == version.authorId() || user.id() == request.requestedBy();
      boolean decided = approvals.decisions(request.id()).stream().anyMatch(d -> d.reviewerId() == user.id());
      if (roles.contains(Role.REVIEWER) && !author && !decided) {
        var approve = button("version-approve", "Approve", VaadinIcon.CHECK, () -> new DecisionDialog(
            "Approve v" + version.version(), "Approve", false,
            comment -> act(() -> approvals.approve(request.id(), comment), "Approved")).open());
        approve.addThemeVariants(ButtonVariant.SUCCESS, ButtonVariant.PRIMARY);
        var reject = button("version-reject", "Reject", VaadinIcon.CLOSE, () -> new DecisionDialog(
            "Reject v" + version.version(), "Reject", true,
            comment -> act(() -> approvals.reject(request.id(), comment), "Rejected")).open());
        reject.addThemeVariants(ButtonVariant.ERROR);
        buttons.add(approve, reject);
      }
      buttons.add(button("version-comment", "Comment", VaadinIcon.COMMENT, () -> new DecisionDialog(
          "Comment on v" + version.version(), "Comment", true,
          comment -> act(() -> approvals.comment(request.id(), comment), "Comment added")).open()));
    }
    if (version.state() == ManifestState.APPROVED && projects.get(version.projectId()).separateActivation()
        && (roles.contains(Role.REVIEWER) || roles.contains(Role.PROJECT_OWNER))) {
      var activate = button("version-activate", "Activate", VaadinIcon.PLAY, () ->
          act(() -> approvals.activate(version.id()), "v" + version.version() + " is active"));
      activate.addThemeVariants(ButtonVariant.PRIMARY);
      buttons.add(activate);
    }
    return buttons;
  }

  private Component createDecisions(ApprovalRequest request) {
    var list = new UnorderedList();
    list.setId("approval-decisions");
    approvals.decisions(request.id()).forEach(d -> list.add(new ListItem(d.reviewerName() + ": " + d.decision()
        + (d.comment() == null || d.comment().isBlank() ? "" : " — " + d.comment()) + " (" + Formats.dateTime(d.at()) + ")")));
    return new Div(new H4("Decisions"), list.getChildren().findAny().isPresent() ? list : empty(list, "None yet"));
  }

  private Component createComments(ApprovalRequest request) {
    var list = new UnorderedList();
    list.setId("approval-comments");
    approvals.comments(request.id()).forEach(c -> {
      var body = new Span(c.body());
      body.getStyle().set("white-space", "pre-wrap");
      list.add(new ListItem(new Span(c.authorName() + " (" + Formats.dateTime(c.at()) + "): "), body));
    });
    return new Div(new H4("Comments"), list.getChildren().findAny().isPresent() ? list : empty(list, "No comments"));
  }

  private static UnorderedList empty(UnorderedList list, String text) {
    list.add(new ListItem(text));
    return list;
  }

  private static Button button(String id, String text, VaadinIcon icon, Runnable onClick) {
    var button = new Button(text, icon.create(), e -> onClick.run());
    button.setId(id);
    return button;
  }

  /** Runs a decision; on success the page is drawn again from the server's state. */
  private static void act(Runnable action, String done) {
    if (Refusals.attempt(action)) {
      Notifications.success(done);
      UI.getCurrent().refreshCurrentRoute(false);
    }
  }
}
