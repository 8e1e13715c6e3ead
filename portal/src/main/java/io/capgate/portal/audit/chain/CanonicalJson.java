package io.capgate.portal.audit.chain;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * One text per JSON value, whatever its spacing and key order: keys sorted (by UTF-16 code units,
 * as in RFC 8785), no whitespace, strings escaped one way, numbers exactly as their source text.
 * The hash covers this form of the stored jsonb, so verification recomputes it from the row alone
 * and does not depend on how PostgreSQL or Jackson print JSON. Numbers keep their source text
 * because PostgreSQL's jsonb keeps them exact; reformatting them could change their meaning.
 */
final class CanonicalJson {

  private static final JsonMapper MAPPER = JsonMapper.shared();

  private CanonicalJson() {}

  static String of(String json) {
    try (JsonParser parser = MAPPER.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("Empty JSON");
      }
      var out = new StringBuilder(json.length());
      value(parser, first, out);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("Trailing content after the JSON value");
      }
      return out.toString();
    }
  }

  private static void value(JsonParser parser, JsonToken token, StringBuilder out) {
    switch (token) {
      case START_OBJECT -> object(parser, out);
      case START_ARRAY -> array(parser, out);
      case VALUE_STRING -> string(parser.getString(), out);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getString());
      case VALUE_TRUE -> out.append("true");
      case VALUE_FALSE -> out.append("false");
      case VALUE_NULL -> out.append("null");
      default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
    }
  }

  private static void object(JsonParser parser, StringBuilder out) {
    Map<String, String> members = new TreeMap<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
      String name = parser.currentName();
      var member = new StringBuilder();
      value(parser, parser.nextToken(), member);
      members.put(name, member.toString());
    }
    out.append('{');
    boolean first = true;
    for (var member : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(member.getKey(), out);
      out.append(':').append(member.getValue());
    }
    out.append('}');
  }

  private static void array(JsonParser parser, StringBuilder out) {
    var items = new ArrayList<String>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      var item = new StringBuilder();
      value(parser, token, item);
      items.add(item.toString());
    }
    out.append('[').append(String.join(",", items)).append(']');
  }

  private static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
