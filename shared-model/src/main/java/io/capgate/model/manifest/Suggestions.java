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

    /** One edit distance for the whole model: the syscall table's. */
    static int distance(String a, String b) {
        return io.capgate.model.syscalls.Levenshtein.distance(a, b);
    }
}
