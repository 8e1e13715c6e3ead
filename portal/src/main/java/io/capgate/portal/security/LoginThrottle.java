package io.capgate.portal.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Token buckets of failed sign-ins, one per username and one per client address (bucket4j, in
 * memory, per portal instance). Each attempt takes a token from both before the password is
 * checked, so parallel guesses cannot overrun the limit; a successful sign-in gives them back and
 * clears its username's bucket. Unknown usernames get buckets too, so the throttle does not tell
 * which names exist. Time comes from the injected {@link Clock}.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  /** Longer keys are cut: the database allows 64 characters, the rest only costs memory. */
  private static final int MAX_KEY_LENGTH = 100;

  private final LoginThrottleProperties limits;
  private final Clock clock;
  private final TimeMeter time;
  private final Buckets byUsername;
  private final Buckets byClient;

  LoginThrottle(LoginThrottleProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    this.time = new ClockTimeMeter(clock);
    this.byUsername = new Buckets("username", limits.failuresPerUsername());
    this.byClient = new Buckets("client", limits.failuresPerClient());
  }

  /** Takes a token from the username's and the client's bucket; a refused attempt takes none. */
  public Attempt begin(String username, String client) {
    String user = key(username);
    String address = key(client);
    var userBucket = byUsername.get(user);
    var clientBucket = byClient.get(address);
    if (userBucket == null || clientBucket == null) {
      return Attempt.refused(user, address);
    }
    var userProbe = userBucket.tryConsumeAndReturnRemaining(1);
    if (!userProbe.isConsumed()) {
      return Attempt.refused(user, address);
    }
    var clientProbe = clientBucket.tryConsumeAndReturnRemaining(1);
    if (!clientProbe.isConsumed()) {
      userBucket.addTokens(1);
      return Attempt.refused(user, address);
    }
    return new Attempt(true, user, address, userProbe.getRemainingTokens(), clientProbe.getRemainingTokens());
  }

  /** The password was right: the username starts afresh and the client gets its token back. */
  public void succeeded(Attempt attempt) {
    if (!attempt.permitted()) {
      return;
    }
    byUsername.buckets.remove(attempt.username());
    var clientBucket = byClient.buckets.get(attempt.client());
    if (clientBucket != null) {
      clientBucket.addTokens(1);
    }
  }

  /**
   * The attempt failed: its tokens stay taken. Says whether this failure used up a bucket, and logs
   * the first failure of a username per window and each lock, never the password.
   */
  public Failure failed(Attempt attempt) {
    if (!attempt.permitted()) {
      return Failure.ALREADY_REFUSED;
    }
    if (attempt.usernameTokensLeft() == limits.failuresPerUsername() - 1) {
      log.info("Failed sign-in for '{}' from {}", attempt.username(), attempt.client());
    }
    if (attempt.usernameTokensLeft() == 0) {
      log.warn("Sign-in for '{}' throttled after {} failures within {} (last from {})", attempt.username(),
          limits.failuresPerUsername(), limits.window(), attempt.client());
      return Failure.LOCKED_USERNAME;
    }
    if (attempt.clientTokensLeft() == 0) {
      log.warn("Sign-in from {} throttled after {} failures within {} (last for '{}')", attempt.client(),
          limits.failuresPerClient(), limits.window(), attempt.username());
      return Failure.LOCKED_CLIENT;
    }
    return Failure.COUNTED;
  }

  /** The buckets of one kind of key, with at most {@code maxTrackedKeys} of them. */
  private final class Buckets {

    private final String kind;
    private final int failures;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile Instant lastPrune = Instant.EPOCH;

    Buckets(String kind, int failures) {
      this.kind = kind;
      this.failures = failures;
    }

    /** The key's bucket, made on first use; null when too many keys are tracked to add one. */
    Bucket get(String key) {
      var bucket = buckets.get(key);
      if (bucket != null) {
        return bucket;
      }
      if (buckets.size() >= limits.maxTrackedKeys() && !prune()) {
        log.warn("Refused a sign-in for a new {}: {} of them are being throttled", kind, buckets.size());
        return null;
      }
      return buckets.computeIfAbsent(key, k -> Bucket.builder()
          .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, limits.window()))
          .withCustomTimePrecision(time)
          .build());
    }

    /** Forgets buckets that have refilled (they act as no bucket); at most once a second. */
    private boolean prune() {
      var now = clock.instant();
      if (Duration.between(lastPrune, now).compareTo(Duration.ofSeconds(1)) >= 0) {
        lastPrune = now;
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= failures);
      }
      return buckets.size() < limits.maxTrackedKeys();
    }
  }

  /** Normalized like {@link UserAccounts} looks names up, so "Admin " and "admin" share a bucket. */
  private static String key(String value) {
    // Control characters are replaced so a crafted username cannot forge log lines.
    String key = UserAccounts.normalize(value).replaceAll("\\p{Cntrl}", "?");
    return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
  }

  /** A sign-in attempt as the throttle saw it before the password was checked. */
  public record Attempt(boolean permitted, String username, String client, long usernameTokensLeft,
      long clientTokensLeft) {

    static Attempt refused(String username, String client) {
      return new Attempt(false, username, client, 0, 0);
    }
  }

  /** What a failed attempt did to the buckets. */
  public enum Failure {
    /** Counted; attempts are left. */
    COUNTED,
    /** This failure used up the username's attempts. */
    LOCKED_USERNAME,
    /** This failure used up the client's attempts. */
    LOCKED_CLIENT,
    /** The attempt had been refused before the password was checked. */
    ALREADY_REFUSED
  }

  /** bucket4j reads time through this, so tests move a clock instead of sleeping. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
      var now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
