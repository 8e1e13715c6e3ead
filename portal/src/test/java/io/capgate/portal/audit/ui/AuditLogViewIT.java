package io.capgate.portal.audit.ui;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.html.Paragraph;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The routed view on the real audit log, as an auditor and as a developer. */
@PortalTest
@ViewPackages(classes = AuditLogView.class)
class AuditLogViewIT extends SpringBrowserlessTest {

  @Autowired Fixtures fixtures;
  @Autowired ApplicationEventPublisher events;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void anAuditorSeesTheirOrganizationsRowsAndAValidChain() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    new TransactionTemplate(transactions).executeWithoutResult(s -> {
      events.publishEvent(new AuditEvent(org, Actor.user(auditor.id(), auditor.username()), "project.created",
          "project", "1", Map.of(), Map.of("name", "payments")));
      events.publishEvent(new AuditEvent(org, Actor.system("agents"), "agent.enrolled", "agent", "a-1", Map.of(),
          Map.of("host", "web-1")));
    });

    as(auditor, () -> {
      var view = navigate(AuditLogView.class);
      assertThat(view.grid.getLazyDataView().getItems().toList()).extracting(e -> e.action())
          .containsExactly("agent.enrolled", "project.created");

      test(view.verify).click();

      assertThat(view.verifyResult.getElement().getAttribute("data-status")).isEqualTo("VALID");
      assertThat(view.verifyResult.getText()).contains("2 rows", "head seq 2");
    });
  }

  @Test
  void aDeveloperIsToldTheLogIsNotForThem() {
    long org = fixtures.anOrganization();
    var developer = fixtures.aUser(org, Role.DEVELOPER);

    as(developer, () -> {
      navigate(AuditLogView.class);
      assertThat($(Paragraph.class).withId("audit-denied").exists()).isTrue();
    });
  }
}
