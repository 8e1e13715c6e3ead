package io.capgate.portal.manifests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class ApiLinksTest {

  private final ManifestVersion version = new ManifestVersion(7, 42, "payments", 3, 5, ManifestState.IN_REVIEW,
      "sha256:" + "0".repeat(64), 3, 1, "Ann", Instant.EPOCH, null, null, null, null);

  @AfterEach
  void clearRequest() {
    RequestContextHolder.resetRequestAttributes();
  }

  @Test
  void aConfiguredPublicUrlWinsOverTheRequest() {
    onRequest("http", "internal-host", 8080, "");

    var links = new ApiLinks("https://capgate.example.com/portal/");

    assertThat(links.reviewUrl(version)).isEqualTo("https://capgate.example.com/portal/services/42/versions/5");
    assertThat(links.resource(version))
        .hasToString("https://capgate.example.com/portal/api/v1/services/42/manifests/5");
  }

  @Test
  void withoutOneTheRequestsSchemeHostAndContextPathAreUsed() {
    onRequest("https", "portal.example.org", 8443, "/capgate");

    var links = new ApiLinks("");

    assertThat(links.reviewUrl(version)).isEqualTo("https://portal.example.org:8443/capgate/services/42/versions/5");
  }

  @Test
  void aPublicUrlThatIsNotAnAbsoluteHttpUrlStopsTheStart() {
    assertThatThrownBy(() -> new ApiLinks("capgate.example.com")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capgate.portal.public-url");
    assertThatThrownBy(() -> new ApiLinks("javascript:alert(1)")).isInstanceOf(IllegalStateException.class);
  }

  private static void onRequest(String scheme, String host, int port, String contextPath) {
    var request = new MockHttpServletRequest("GET", contextPath + "/api/v1/services/42/manifests");
    request.setScheme(scheme);
    request.setServerName(host);
    request.setServerPort(port);
    request.setContextPath(contextPath);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }
}
