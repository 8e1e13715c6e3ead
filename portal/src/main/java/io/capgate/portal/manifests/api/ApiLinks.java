package io.capgate.portal.manifests.api;

import io.capgate.portal.manifests.ManifestVersion;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute links the API hands out: a version's review page in the UI and its API resource. The base
 * is {@code capgate.portal.public-url} when set (set it behind a proxy, so links never depend on
 * request headers), else the scheme, host and context path of the current request.
 */
@Component
class ApiLinks {

  private final String publicUrl;

  ApiLinks(@Value("${capgate.portal.public-url:}") String publicUrl) {
    this.publicUrl = checked(publicUrl);
  }

  /** The version's page in the portal, where reviewers decide. */
  String reviewUrl(ManifestVersion version) {
    return base() + "/" + version.pagePath();
  }

  /** The version's resource in this API, for the {@code Location} header. */
  URI resource(ManifestVersion version) {
    return URI.create(base() + "/api/v1/services/" + version.serviceId() + "/manifests/" + version.version());
  }

  private String base() {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  private static String checked(String url) {
    String base = url == null ? "" : url.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (!base.isEmpty() && !base.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw new IllegalStateException("capgate.portal.public-url must be the portal's absolute http(s) URL, e.g."
          + " https://capgate.example.com, not '" + url + "'");
    }
    return base;
  }
}
