package io.capgate.portal.manifests.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.RouteParam;
import com.vaadin.flow.router.RouteParameters;
import java.util.Optional;

/** The route parameters of the manifest pages, named once. */
final class ManifestRoutes {

  static final String SERVICE = "serviceId";
  static final String VERSION = "version";
  static final String FROM = "from";
  static final String TO = "to";
  /** The {@code from} of a diff against whatever version is active. */
  static final String ACTIVE = "active";

  private ManifestRoutes() {}

  static RouteParameters service(long serviceId) {
    return new RouteParameters(SERVICE, Long.toString(serviceId));
  }

  static RouteParameters version(long serviceId, int version) {
    return new RouteParameters(new RouteParam(SERVICE, Long.toString(serviceId)),
        new RouteParam(VERSION, Integer.toString(version)));
  }

  static RouteParameters diff(long serviceId, String from, int to) {
    return new RouteParameters(new RouteParam(SERVICE, Long.toString(serviceId)),
        new RouteParam(FROM, from), new RouteParam(TO, Integer.toString(to)));
  }

  static long serviceId(BeforeEnterEvent event) {
    return Long.parseLong(event.getRouteParameters().get(SERVICE).orElseThrow());
  }

  /** The version number in the URL, if the route has one. */
  static Optional<Integer> version(BeforeEnterEvent event) {
    return event.getRouteParameters().getInteger(VERSION);
  }
}
