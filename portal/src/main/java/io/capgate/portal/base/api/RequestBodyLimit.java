package io.capgate.portal.base.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Caps request bodies of the portal's controllers before they are read into memory: 4 MiB, the
 * largest manifest, for raw bodies (YAML, text), and twice that for JSON, whose string escapes can
 * double a manifest. A declared {@code Content-Length} over the limit is refused before reading; a
 * chunked body is counted as it is read. Either way the caller gets a 413 problem detail.
 */
@ControllerAdvice(basePackages = "io.capgate.portal")
public class RequestBodyLimit extends RequestBodyAdviceAdapter {

  /** Largest raw (YAML or text) body: the manifest parser's own 4 MiB limit. */
  public static final long MAX_RAW_BYTES = 4L * 1024 * 1024;
  /** Largest JSON body: a 4 MiB manifest inside a JSON string with its escapes. */
  public static final long MAX_JSON_BYTES = 2 * MAX_RAW_BYTES;

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
    long limit = limitFor(input.getHeaders().getContentType());
    if (input.getHeaders().getContentLength() > limit) {
      throw tooLarge(limit);
    }
    InputStream body = new Limited(input.getBody(), limit);
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return body;
      }

      @Override
      public HttpHeaders getHeaders() {
        return input.getHeaders();
      }
    };
  }

  static long limitFor(MediaType contentType) {
    boolean json = contentType != null && (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
        || contentType.getSubtype().endsWith("+json"));
    return json ? MAX_JSON_BYTES : MAX_RAW_BYTES;
  }

  /** The 413 among an exception's causes, when a body converter wrapped it. */
  static ResponseStatusException tooLargeCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ResponseStatusException r && r.getStatusCode().value() == 413) {
        return r;
      }
    }
    return null;
  }

  private static ResponseStatusException tooLarge(long limit) {
    return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
        "The request body is larger than this endpoint's limit of " + limit / (1024 * 1024) + " MiB");
  }

  /** Fails the read once more than the limit has come through. */
  private static final class Limited extends FilterInputStream {

    private final long limit;
    private long count;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > limit) {
        throw tooLarge(limit);
      }
    }
  }
}
