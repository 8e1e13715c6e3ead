package io.capgate.model.syscalls;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Edit distance and "did you mean" suggestions. */
public final class Levenshtein {

    private Levenshtein() {
    }

    /** The number of single-character insertions, deletions and substitutions turning {@code a} into {@code b}. */
    /** Edit distance (insertions, deletions, substitutions) between two strings. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Up to {@code max} candidates close enough to {@code name} to be a plausible typo, nearest first, ties by name.
     * A candidate qualifies when its distance is at most a third of the longer name's length (at least 2), or
     * when one name of at least three characters contains the other ({@code stat} for {@code fstat}). An exact
     * match comes first.
     */
    static List<String> closest(String name, Collection<String> candidates, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        record Scored(String candidate, int distance) {
        }
        return candidates.stream()
                .map(c -> new Scored(c, distance(name, c)))
                .filter(s -> plausible(name, s.candidate(), s.distance()))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .limit(max)
                .map(Scored::candidate)
                .toList();
    }

    private static boolean plausible(String name, String candidate, int distance) {
        int limit = Math.max(2, Math.max(name.length(), candidate.length()) / 3);
        boolean contains = Math.min(name.length(), candidate.length()) >= 3
                && (candidate.contains(name) || name.contains(candidate));
        return distance <= limit || contains;
    }
}
