package io.capgate.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ManifestExceptionTest {

    @Test
    void sortsProblemsByPositionAndPrintsOneLineEach() {
        ManifestException e = new ManifestException(List.of(
                new ManifestProblem("m.yaml", 7, 3, "second"),
                new ManifestProblem("m.yaml", 2, 10, "first"),
                new ManifestProblem("m.yaml", 7, 1, "between")));
        assertThat(e.problems()).extracting(ManifestProblem::message).containsExactly("first", "between", "second");
        assertThat(e).hasMessage("m.yaml:2:10: first\nm.yaml:7:1: between\nm.yaml:7:3: second");
    }

    @Test
    void needsAProblem() {
        assertThatThrownBy(() -> new ManifestException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positionsAreOneBased() {
        assertThatThrownBy(() -> new ManifestProblem("m.yaml", 0, 1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ManifestProblem("m.yaml", 1, 1, "x")).hasToString("m.yaml:1:1: x");
    }
}
