package io.capgate.portal.ingest;

import io.capgate.model.protocol.StackFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stack as the JSON array of {@code {"file","function","line"}} objects the read side decodes into
 * {@link StackFrame}s. Written here rather than by Jackson: it is one small shape, on the ingest path, for every
 * violation and sample stack. Not thread-safe (one builder reused).
 */
final class StackJson {

  private final StringBuilder json = new StringBuilder(256);

  /** The UTF-8 JSON of {@code frames}. */
  byte[] bytes(List<StackFrame> frames) {
    json.setLength(0);
    json.append('[');
    for (int i = 0; i < frames.size(); i++) {
      var frame = frames.get(i);
      json.append(i == 0 ? "{\"file\":" : ",{\"file\":");
      quote(frame.file());
      json.append(",\"function\":");
      quote(frame.function());
      json.append(",\"line\":").append(frame.line()).append('}');
    }
    json.append(']');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void quote(String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\0' -> json.append('\uFFFD'); // jsonb refuses \u0000
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
