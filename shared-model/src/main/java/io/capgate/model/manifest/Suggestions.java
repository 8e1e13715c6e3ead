package io.capgate.model.manifest;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" texts for keys and names, by edit distance. */
final class Suggestions {

    /** Names longer than this get no suggestion: they are not typos, and distances would cost too much. */
    private static final int MAX_NAME = 64;

    private Suggestions() {
    }

    /** The candidate nearest to {@code name} within a plausible typo distance, as a message suffix, or "". */
    static String didYouMean(String name, Collection<String> candidates) {
        if (name.length() > MAX_NAME) {
            return "";
        }
        return didYouMean(candidates.stream()
                .filter(c -> distance(name, c) <= Math.max(2, Math.max(name.length(), c.length()) / 3))
                .sorted(Comparator.comparingInt((String c) -> distance(name, c)).thenComparing(c -> c))
                .limit(1)
                .toList());
    }

    /** {@code "; did you mean 'a'?"} or {@code "; did you mean 'a', 'b' or 'c'?"}, or "" for no suggestions. */
    static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> shown = suggestions.stream().map(ManifestGrammar::show).toList();
        String text = shown.size() == 1 ? shown.get(0)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
        return "; did you mean " + text + "?";
    }

    static int distance(String a, String b) {
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
}
