package io.capgate.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), clock,
      Duration.ofMinutes(1));

  @Test
  void oneLinePerHostPerMinuteWhateverThePort() {
    var first = new InetSocketAddress("10.0.0.1", 40000);
    var reconnected = new InetSocketAddress("10.0.0.1", 40001);
    var other = new InetSocketAddress("10.0.0.2", 40000);

    assertThat(log.permit(first)).isTrue();
    assertThat(log.permit(first)).isFalse();
    assertThat(log.permit(reconnected)).isFalse();
    assertThat(log.permit(other)).isTrue();

    now = now.plusSeconds(59);
    assertThat(log.permit(first)).isFalse();
    now = now.plusSeconds(1);
    assertThat(log.permit(first)).isTrue();
  }

  @Test
  void theTrackedAddressesStayBounded() {
    for (int i = 0; i <= RateLimitedLog.MAX_TRACKED + 10; i++) {
      assertThat(log.permit(new InetSocketAddress("10.1." + (i / 250) + "." + (i % 250), 1))).isTrue();
    }

    assertThat(log.tracked()).isLessThanOrEqualTo(RateLimitedLog.MAX_TRACKED);
  }
}
