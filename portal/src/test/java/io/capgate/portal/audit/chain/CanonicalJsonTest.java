package io.capgate.portal.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void keyOrderAndSpacingDoNotChangeTheCanonicalForm() {
    String a = CanonicalJson.of("{\"b\": 1, \"a\": {\"y\": [1, 2], \"x\": null}}");
    String b = CanonicalJson.of("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1}");

    assertThat(a).isEqualTo(b).isEqualTo("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1}");
  }

  @Test
  void valuesThatDifferStayDifferent() {
    assertThat(CanonicalJson.of("{\"a\": 1}")).isNotEqualTo(CanonicalJson.of("{\"a\": \"1\"}"));
    assertThat(CanonicalJson.of("[1, 2]")).isNotEqualTo(CanonicalJson.of("[2, 1]"));
    assertThat(CanonicalJson.of("{\"a\": true}")).isNotEqualTo(CanonicalJson.of("{\"a\": false}"));
  }

  @Test
  void numbersKeepTheirExactText() {
    assertThat(CanonicalJson.of("{\"price\": 1.50, \"big\": 100000000000000000000001}"))
        .isEqualTo("{\"big\":100000000000000000000001,\"price\":1.50}");
  }

  @Test
  void stringsAreEscapedOneWay() {
    assertThat(CanonicalJson.of("\"tab\\there \\u00e9 \\\"q\\\" \\u0001 \\/\""))
        .isEqualTo("\"tab\\there é \\\"q\\\" \\u0001 /\"");
  }

  @Test
  void rejectsTrailingContent() {
    assertThatThrownBy(() -> CanonicalJson.of("{} {}")).isInstanceOf(IllegalArgumentException.class);
  }
}
