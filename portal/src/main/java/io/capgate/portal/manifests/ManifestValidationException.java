package io.capgate.portal.manifests;

import io.capgate.model.manifest.ManifestProblem;
import java.util.List;

/** A manifest that does not parse or validate; each problem has its line and column. */
public class ManifestValidationException extends RuntimeException {

  private final transient List<ManifestProblem> problems;

  public ManifestValidationException(List<ManifestProblem> problems) {
    super(problems.isEmpty() ? "Invalid manifest" : problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  public List<ManifestProblem> problems() {
    return problems;
  }
}
