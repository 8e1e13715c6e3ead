package io.capgate.portal.manifests.ui;

import io.capgate.portal.services.RegisteredService;
import java.util.Locale;

/** The starting text of a service's first manifest: valid, allowing only the basic defaults. */
final class ManifestTemplate {

  private ManifestTemplate() {}

  static String forService(RegisteredService service) {
    return """
        apiVersion: capgate.io/v1
        service: %s
        arch: x86_64
        python: "%s"
        defaults:
          capabilities: [mem, sys.basic]
          syscalls: []
        modules: {}
        """.formatted(manifestName(service.name()), python(service.interpreter()));
  }

  /** The service name in the manifest's stricter grammar, {@code [a-z0-9][a-z0-9._-]{0,62}}. */
  static String manifestName(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    if (lower.isEmpty() || !Character.isLetterOrDigit(lower.charAt(0))) {
      lower = "s" + lower;
    }
    return lower.length() > 63 ? lower.substring(0, 63) : lower;
  }

  /** {@code cpython-3.12} → {@code 3.12}. */
  static String python(String interpreter) {
    return interpreter != null && interpreter.startsWith("cpython-") ? interpreter.substring("cpython-".length()) : "3.11";
  }
}
