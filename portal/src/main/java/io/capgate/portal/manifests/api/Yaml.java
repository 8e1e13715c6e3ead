package io.capgate.portal.manifests.api;

import io.capgate.model.manifest.ManifestProblem;
import io.capgate.portal.manifests.ManifestValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Manifest text in and out of the API: raw bodies as strict UTF-8, and YAML by content negotiation. */
final class Yaml {

  /** {@code application/yaml} (RFC 9512), what the API answers YAML requests with. */
  static final MediaType APPLICATION_YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);
  /** Media types a raw manifest may be uploaded or asked for as. */
  static final String[] TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"};

  private Yaml() {}

  /** The body as text; bytes that are not UTF-8 are a problem at line 1, as the CLI reports a file. */
  static String decode(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new ManifestValidationException(List.of(new ManifestProblem("manifest", 1, 1,
          "the body is not valid UTF-8")));
    }
  }

  /**
   * Whether the client prefers the manifest itself to the JSON description: the first acceptable
   * type, by quality, that is YAML or text (JSON and wildcards mean JSON).
   */
  static boolean wanted(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types;
    try {
      types = new ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (IllegalArgumentException e) {
      return false;
    }
    // A stable sort: types of equal quality keep the client's order.
    types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType type : types) {
      if (type.getQualityValue() == 0) {
        continue;
      }
      if (type.isWildcardType() || type.isWildcardSubtype() || type.getSubtype().endsWith("json")) {
        return false;
      }
      if (isYaml(type)) {
        return true;
      }
    }
    return false;
  }

  /** The manifest text as {@code application/yaml} when the client asks for it, else the JSON description. */
  static ResponseEntity<Object> orJson(String accept, String content, Supplier<Object> json) {
    // The JSON side goes through content negotiation, so an Accept that allows neither is a 406.
    return wanted(accept) ? ResponseEntity.ok().contentType(APPLICATION_YAML).body(content)
        : ResponseEntity.ok().body(json.get());
  }

  private static boolean isYaml(MediaType type) {
    for (String yaml : TYPES) {
      if (MediaType.parseMediaType(yaml).equalsTypeAndSubtype(type)) {
        return true;
      }
    }
    return false;
  }
}
