package io.capgate.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.security.LoginThrottle.Attempt;
import io.capgate.portal.security.LoginThrottle.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(
      new LoginThrottleProperties(5, 20, Duration.ofMinutes(5), 1000), clock);
  private int nextUser;

  @Test
  void fiveFailuresForAUsernameRefuseTheSixthAttemptFromAnyClient() {
    var failures = failTimes(5, "alice", "10.0.0.1");

    assertThat(failures).containsExactly(Failure.COUNTED, Failure.COUNTED, Failure.COUNTED, Failure.COUNTED,
        Failure.LOCKED_USERNAME);
    assertThat(throttle.begin("alice", "10.0.0.1").permitted()).isFalse();
    assertThat(throttle.begin("alice", "10.0.0.2").permitted()).isFalse();
    assertThat(throttle.begin("bob", "10.0.0.1").permitted()).isTrue();
  }

  @Test
  void aLockedUsernameGetsOneAttemptBackPerMinuteAndAFullSetAfterTheWindow() {
    failTimes(5, "alice", "10.0.0.1");

    clock.advance(Duration.ofSeconds(59));
    assertThat(throttle.begin("alice", "10.0.0.1").permitted()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    var attempt = throttle.begin("alice", "10.0.0.1");
    assertThat(attempt.permitted()).isTrue();
    assertThat(throttle.failed(attempt)).isEqualTo(Failure.LOCKED_USERNAME);

    clock.advance(Duration.ofMinutes(5));
    assertThat(failTimes(5, "alice", "10.0.0.1")).doesNotContain(Failure.ALREADY_REFUSED);
  }

  @Test
  void theUsernameIsMatchedAsTheLoginLooksItUp() {
    failTimes(5, " Alice ", "10.0.0.1");

    assertThat(throttle.begin("alice", "10.0.0.1").permitted()).isFalse();
    assertThat(throttle.begin("ALICE", "10.0.0.1").permitted()).isFalse();
  }

  @Test
  void aSuccessfulSignInClearsTheUsernameAndGivesTheClientItsAttemptBack() {
    failTimes(4, "alice", "10.0.0.1");
    var success = throttle.begin("alice", "10.0.0.1");
    throttle.succeeded(success);

    assertThat(failTimes(4, "alice", "10.0.0.1")).containsOnly(Failure.COUNTED);
    // 8 failures of the client's 20 are taken; the successful attempt's token came back.
    assertThat(failAsDifferentUsers(12, "10.0.0.1").getLast()).isEqualTo(Failure.LOCKED_CLIENT);
  }

  @Test
  void twentyFailuresFromOneClientRefuseItWhateverTheUsernameButNotOtherClients() {
    var failures = failAsDifferentUsers(20, "10.0.0.1");

    assertThat(failures.getLast()).isEqualTo(Failure.LOCKED_CLIENT);
    assertThat(failures.subList(0, 19)).containsOnly(Failure.COUNTED);
    assertThat(throttle.begin("someone-else", "10.0.0.1").permitted()).isFalse();
    assertThat(throttle.begin("someone-else", "10.0.0.2").permitted()).isTrue();
  }

  @Test
  void aRefusedAttemptTakesNoTokenFromTheOtherBucket() {
    failTimes(5, "alice", "10.0.0.1");
    for (int i = 0; i < 30; i++) {
      assertThat(throttle.begin("alice", "10.0.0.1").permitted()).isFalse();
    }

    // The 30 refused attempts left the client's 15 remaining failures untouched.
    var failures = failAsDifferentUsers(15, "10.0.0.1");
    assertThat(failures.getLast()).isEqualTo(Failure.LOCKED_CLIENT);
    assertThat(failures.subList(0, 14)).containsOnly(Failure.COUNTED);
  }

  @Test
  void unknownUsernamesAreThrottledLikeRealOnes() {
    failTimes(5, "no-such-user", "10.0.0.1");

    var refused = throttle.begin("no-such-user", "10.0.0.3");
    assertThat(refused.permitted()).isFalse();
    assertThat(throttle.failed(refused)).isEqualTo(Failure.ALREADY_REFUSED);
  }

  @Test
  void whenTooManyNamesAreTrackedNewOnesAreRefusedUntilOldOnesRecover() {
    var small = new LoginThrottle(new LoginThrottleProperties(5, 1000, Duration.ofMinutes(5), 10), clock);
    for (int i = 0; i < 10; i++) {
      small.failed(small.begin("name-" + i, "10.0.0." + i));
    }

    assertThat(small.begin("name-10", "10.0.1.1").permitted()).isFalse();
    assertThat(small.begin("name-3", "10.0.0.3").permitted()).isTrue();
    clock.advance(Duration.ofMinutes(2));
    assertThat(small.begin("name-11", "10.0.1.1").permitted()).isTrue();
  }

  @Test
  void controlCharactersInAUsernameCannotForgeLogLines() {
    var attempt = throttle.begin("eve\nINFO forged line", "10.0.0.1");

    assertThat(attempt.username()).doesNotContain("\n").startsWith("eve?");
  }

  private List<Failure> failAsDifferentUsers(int times, String client) {
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      failures.add(throttle.failed(throttle.begin("user-" + nextUser++, client)));
    }
    return failures;
  }

  private List<Failure> failTimes(int times, String username, String client) {
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      Attempt attempt = throttle.begin(username, client);
      failures.add(throttle.failed(attempt));
    }
    return failures;
  }
}
