package io.capgate.model.manifest;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest document was rejected. Holds every problem found, sorted by position, not only the first.
 *
 * <p>{@link #getMessage()} prints one {@code source:line:column: message} line per problem.
 */
public final class ManifestException extends RuntimeException {

    private final List<ManifestProblem> problems;

    /**
     * @param problems at least one problem; kept sorted by line, then column
     */
    public ManifestException(List<ManifestProblem> problems) {
        super(render(sorted(problems)));
        this.problems = sorted(problems);
    }

    /** The problems, in document order. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    private static List<ManifestProblem> sorted(List<ManifestProblem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a ManifestException needs at least one problem");
        }
        return problems.stream()
                .sorted(Comparator.comparingInt(ManifestProblem::line).thenComparingInt(ManifestProblem::column))
                .toList();
    }

    private static String render(List<ManifestProblem> problems) {
        return problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n"));
    }
}
