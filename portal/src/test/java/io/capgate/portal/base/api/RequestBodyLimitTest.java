package io.capgate.portal.base.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.server.ResponseStatusException;

class RequestBodyLimitTest {

  private final RequestBodyLimit limit = new RequestBodyLimit();

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    headers.setContentLength(RequestBodyLimit.MAX_RAW_BYTES + 1);

    assertThatThrownBy(() -> limit.beforeBodyRead(message(headers, new byte[0]), null, byte[].class,
        ByteArrayHttpMessageConverter.class))
        .isInstanceOf(ResponseStatusException.class)
        .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(413));
  }

  @Test
  void aChunkedBodyIsCountedAsItIsRead() throws Exception {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    byte[] body = new byte[(int) RequestBodyLimit.MAX_RAW_BYTES + 10];

    var limited = limit.beforeBodyRead(message(headers, body), null, byte[].class,
        ByteArrayHttpMessageConverter.class);

    assertThatThrownBy(() -> limited.getBody().readAllBytes()).isInstanceOf(ResponseStatusException.class);
    var wrapped = new HttpMessageNotReadableException("I/O error", new ResponseStatusException(
        org.springframework.http.HttpStatus.CONTENT_TOO_LARGE), null);
    assertThat(RequestBodyLimit.tooLargeCause(wrapped)).isNotNull();
    assertThat(RequestBodyLimit.tooLargeCause(new IllegalStateException())).isNull();
  }

  @Test
  void aBodyAtTheLimitPasses() throws Exception {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    byte[] body = new byte[(int) RequestBodyLimit.MAX_JSON_BYTES];

    var limited = limit.beforeBodyRead(message(headers, body), null, byte[].class,
        ByteArrayHttpMessageConverter.class);

    assertThat(limited.getBody().readAllBytes()).hasSize(body.length);
  }

  @Test
  void jsonMayBeTwiceAsLargeAsRawText() {
    assertThat(RequestBodyLimit.limitFor(MediaType.APPLICATION_JSON)).isEqualTo(8L * 1024 * 1024);
    assertThat(RequestBodyLimit.limitFor(MediaType.parseMediaType("application/merge-patch+json")))
        .isEqualTo(8L * 1024 * 1024);
    assertThat(RequestBodyLimit.limitFor(MediaType.parseMediaType("application/yaml"))).isEqualTo(4L * 1024 * 1024);
    assertThat(RequestBodyLimit.limitFor(null)).isEqualTo(4L * 1024 * 1024);
  }

  private static HttpInputMessage message(HttpHeaders headers, byte[] body) {
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }
    };
  }
}
