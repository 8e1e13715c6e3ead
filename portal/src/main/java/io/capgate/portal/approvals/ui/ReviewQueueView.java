package io.capgate.portal.approvals.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.approvals.ApprovalRequest;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.ui.Formats;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;

/**
 * The open approval requests the signed-in user may decide (never their own), oldest first. A row
 * opens the version's page, where the diff and the decision buttons are.
 *
 * <p>Element ids: {@code reviews-grid}, {@code review-link-<serviceId>-<version>} (each row's version link),
 * {@code reviews-empty} (shown when there is nothing to review).
 */
@Route("reviews")
@PageTitle("Review queue · Capgate")
@PermitAll
public class ReviewQueueView extends VerticalLayout {

  final Grid<ApprovalRequest> grid = new Grid<>(ApprovalRequest.class, false);

  public ReviewQueueView(Approvals approvals, Clock clock) {
    setSizeFull();
    grid.setId("reviews-grid");
    grid.addColumn(ApprovalRequest::serviceName).setHeader("Service").setSortable(true);
    grid.addComponentColumn(ReviewQueueView::versionLink).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(ApprovalRequest::projectName).setHeader("Project");
    grid.addColumn(ApprovalRequest::requestedByName).setHeader("Requested by");
    grid.addColumn(ApprovalRequest::reason).setHeader("Reason").setFlexGrow(3);
    grid.addColumn(r -> r.approvals() + "/" + r.requiredApprovals()).setHeader("Approvals").setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(r -> Formats.age(r.createdAt(), clock)).setHeader("Age").setAutoWidth(true).setFlexGrow(0);
    grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(pagePath(e.getItem()))));
    var queue = approvals.queue();
    grid.setItems(queue);
    var empty = new Paragraph("Nothing to review.");
    empty.setId("reviews-empty");
    empty.setVisible(queue.isEmpty());
    add(new H2("Review queue"), empty, grid);
  }

  private static Anchor versionLink(ApprovalRequest request) {
    var link = new Anchor(pagePath(request), "v" + request.version());
    link.setId("review-link-" + request.serviceId() + "-" + request.version());
    return link;
  }

  /** The version's page; by path, since the manifests feature owns it. */
  static String pagePath(ApprovalRequest request) {
    return "services/" + request.serviceId() + "/versions/" + request.version();
  }
}
