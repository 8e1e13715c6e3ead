package io.capgate.agent.fleet.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Randomized, capped exponential backoff ("equal jitter"): the n-th retry waits a random time between half and all
 * of {@code min(max, initial * 2^n)}, so a fleet of agents that lost the portal at once does not come back at once.
 * Not thread-safe: one connection uses it from its event loop.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int attempt;

    /**
     * @param initial the cap of the first wait
     * @param max     the cap of every wait
     * @param random  the randomness (tests pass a seeded one)
     */
    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt; each call doubles the cap until it reaches {@code max}. */
    public Duration next() {
        long cap = initial.toMillis() << Math.min(attempt, 30);
        cap = Math.min(cap <= 0 ? Long.MAX_VALUE : cap, max.toMillis());
        attempt++;
        long half = Math.max(1, cap / 2);
        return Duration.ofMillis(half + random.nextLong(cap - half + 1));
    }

    /** A connection succeeded: the next wait starts from {@code initial} again. */
    public void reset() {
        attempt = 0;
    }
}
