package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.capgate.model.manifest.Manifest;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.manifests.VersionDiff;
import jakarta.annotation.security.PermitAll;

/**
 * Two versions of a service side by side: {@code services/:serviceId/diff/:from/:to}, where
 * {@code from} is a version number or {@code active} (whatever version is active now).
 *
 * <p>Element ids: {@code diff-title}, {@code diff-from-link}, {@code diff-to-link}, and the
 * {@link DiffPanel} ids: {@code diff-summary}, {@code diff-module-<module>}, {@code diff-added-<module>},
 * {@code diff-removed-<module>}, {@code diff-unchanged}.
 */
@Route("services/:serviceId([0-9]+)/diff/:from(active|[0-9]+)/:to([0-9]+)")
@PermitAll
public class DiffView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  private final ManifestVersions versions;
  private String title = "Diff";

  public DiffView(ManifestVersions versions) {
    this.versions = versions;
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    long serviceId = ManifestRoutes.serviceId(event);
    String from = event.getRouteParameters().get(ManifestRoutes.FROM).orElseThrow();
    int to = event.getRouteParameters().getInteger(ManifestRoutes.TO).orElseThrow();
    try {
      var toVersion = versions.get(serviceId, to);
      VersionDiff diff = from.equals(ManifestRoutes.ACTIVE) ? versions.diffAgainstActive(toVersion.version().id())
          : versions.diff(versions.get(serviceId, Integer.parseInt(from)).version().id(), toVersion.version().id());
      render(diff, toVersion);
    } catch (NotFoundException e) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
    }
  }

  @Override
  public String getPageTitle() {
    return title + " · Capgate";
  }

  private void render(VersionDiff diff, ManifestVersionDetails toVersion) {
    removeAll();
    ManifestVersion to = diff.to();
    ManifestVersion from = diff.from();
    Manifest fromManifest = from == null ? null : versions.get(from.id()).manifest();
    String fromLabel = from == null ? "no active version" : label(from);
    title = to.serviceName() + ": " + (from == null ? "nothing" : "v" + from.version()) + " → v" + to.version();
    var heading = new H2(title);
    heading.setId("diff-title");
    var links = new HorizontalLayout();
    if (from != null) {
      links.add(link("diff-from-link", from));
    }
    links.add(link("diff-to-link", to));
    add(heading, links, new DiffPanel(fromManifest, fromLabel, toVersion.manifest(), label(to), diff.diff()));
  }

  private static String label(ManifestVersion version) {
    return "v" + version.version() + " (" + version.state() + ")";
  }

  private static RouterLink link(String id, ManifestVersion version) {
    var link = new RouterLink("Open v" + version.version(), ManifestVersionView.class,
        ManifestRoutes.version(version.serviceId(), version.version()));
    link.setId(id);
    return link;
  }
}
