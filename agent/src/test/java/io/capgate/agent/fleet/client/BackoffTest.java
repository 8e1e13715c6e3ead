package io.capgate.agent.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));

    @Test
    void waitsDoubleWithJitterUntilTheCap() {
        long[] caps = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (long cap : caps) {
            assertThat(backoff.next().toMillis()).isBetween(cap / 2, cap);
        }
    }

    @Test
    void jitterSpreadsAgentsThatLostThePortalTogether() {
        Backoff other = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(8));
        for (int i = 0; i < 5; i++) {
            backoff.next();
            other.next();
        }
        assertThat(backoff.next()).isNotEqualTo(other.next());
    }

    @Test
    void aSuccessfulSessionStartsOver() {
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void manyFailuresNeverOverflow() {
        for (int i = 0; i < 5; i++) {
            backoff.next();
        }
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.next().toMillis()).isBetween(15_000L, 30_000L);
        }
    }

    @Test
    void refusesAnEmptyRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .hasMessageContaining("0 < initial <= max");
    }
}
