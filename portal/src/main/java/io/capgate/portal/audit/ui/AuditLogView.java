package io.capgate.portal.audit.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's audit log, newest first, with filters, each row's before and after, and a
 * button that verifies the hash chain. Needs ORG_ADMIN or AUDITOR; others see why they cannot read it.
 * Times are UTC.
 */
@Route("audit")
@PageTitle("Audit log · Capgate")
@PermitAll
public class AuditLogView extends VerticalLayout {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final JsonMapper COMPACT = JsonMapper.shared();
  private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  final TextField action = filterField("Action starts with", "audit-filter-action", "manifest.");
  final TextField actor = filterField("Actor", "audit-filter-actor", "alice or system:");
  final TextField objectType = filterField("Object type", "audit-filter-object-type", "project");
  final TextField objectId = filterField("Object id", "audit-filter-object-id", "");
  final DateTimePicker from = new DateTimePicker("From (UTC)");
  final DateTimePicker to = new DateTimePicker("To (UTC)");
  final Button verify = new Button("Verify chain");
  final VerificationBanner verifyResult = new VerificationBanner();
  final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);

  private final AuditLog auditLog;
  private final KeysetPager pager;

  public AuditLogView(AuditLog auditLog) {
    this.auditLog = auditLog;
    this.pager = new KeysetPager(auditLog);
    setSizeFull();
    add(new H2("Audit log"));
    if (!auditLog.canRead()) {
      var denied = new Paragraph("The audit log is for organization admins and auditors (ORG_ADMIN or AUDITOR).");
      denied.setId("audit-denied");
      add(denied);
      return;
    }
    add(createVerification(), createFilters(), verifyResult, createGrid());
    expand(grid);
  }

  private Component createVerification() {
    verify.setId("audit-verify");
    verify.addThemeVariants(ButtonVariant.PRIMARY);
    verify.addClickListener(e -> verifyResult.show(auditLog.verify()));
    return verify;
  }

  private Component createFilters() {
    from.setId("audit-filter-from");
    to.setId("audit-filter-to");
    from.addValueChangeListener(e -> applyFilter());
    to.addValueChangeListener(e -> applyFilter());
    var filters = new HorizontalLayout(action, actor, objectType, objectId, from, to);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    filters.setWrap(true);
    return filters;
  }

  private Component createGrid() {
    grid.setId("audit-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(AuditEntry::seq).setHeader("Seq").setWidth("6em").setFlexGrow(0);
    grid.addColumn(e -> TIME.format(e.at())).setHeader("Time (UTC)").setWidth("11em").setFlexGrow(0);
    grid.addColumn(AuditEntry::actorName).setHeader("Actor").setAutoWidth(true);
    grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
    grid.addColumn(e -> e.objectType() + " " + e.objectId()).setHeader("Object").setAutoWidth(true);
    grid.addColumn(e -> compact(e.before())).setHeader("Before").setFlexGrow(1);
    grid.addColumn(e -> compact(e.after())).setHeader("After").setFlexGrow(1);
    grid.setItemDetailsRenderer(new ComponentRenderer<>(AuditLogView::details));
    // No count query: the grid asks for pages until one comes back short, so 100k rows cost one page.
    grid.setItems(query -> pager.fetch(query.getOffset(), query.getLimit()).stream());
    return grid;
  }

  private void applyFilter() {
    AuditFilter filter;
    try {
      filter = new AuditFilter(action.getValue(), actor.getValue(), objectType.getValue(), objectId.getValue(),
          utc(from.getValue()), utc(to.getValue()));
      to.setInvalid(false);
    } catch (IllegalArgumentException e) {
      to.setErrorMessage(e.getMessage());
      to.setInvalid(true);
      return;
    }
    pager.filter(filter);
    grid.getDataProvider().refreshAll();
  }

  private TextField filterField(String label, String id, String placeholder) {
    var field = new TextField(label);
    field.setId(id);
    field.setPlaceholder(placeholder);
    field.setClearButtonVisible(true);
    field.setValueChangeMode(ValueChangeMode.LAZY);
    field.addValueChangeListener(e -> applyFilter());
    return field;
  }

  private static Component details(AuditEntry entry) {
    var before = new Pre("before: " + PRETTY.writeValueAsString(entry.before()));
    var after = new Pre("after: " + PRETTY.writeValueAsString(entry.after()));
    var hash = new Paragraph("hash " + entry.hash() + (entry.actorUserId() == null ? "" : " · user id "
        + entry.actorUserId()));
    var layout = new VerticalLayout(new HorizontalLayout(before, after), hash);
    layout.setPadding(false);
    return layout;
  }

  private static String compact(Map<String, Object> fields) {
    return fields.isEmpty() ? "" : COMPACT.writeValueAsString(fields);
  }

  private static Instant utc(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
