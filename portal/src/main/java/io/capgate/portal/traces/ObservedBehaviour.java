package io.capgate.portal.traces;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.portal.manifests.ManifestVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service's trace review over {@code [from, to)}: what each module did, what the agents lost, and how that
 * compares with the active manifest.
 *
 * @param drops     the agents' drop reports overlapping the range; non-zero counts make the data incomplete
 * @param active    the version active now, empty when the service has none
 * @param gap       observed vs the active manifest (vs an empty manifest when there is none)
 * @param draft     the manifest "Turn into draft" would create, or empty with {@code draftProblem} when the
 *                  observations cannot make a valid one (or there are none)
 * @param draftDiff what the draft changes against the active version (everything added when none is active)
 */
public record ObservedBehaviour(long serviceId, String serviceName, Instant from, Instant to,
    List<ModuleActivity> modules, List<DropSummary> drops, Optional<ManifestVersion> active, ManifestGap gap,
    Optional<Manifest> draft, Optional<ManifestDiff> draftDiff, String draftProblem) {

  public ObservedBehaviour {
    modules = List.copyOf(modules);
    drops = List.copyOf(drops);
  }

  /** Whether agents reported data they could not deliver, or events the kernel lost, in the range. */
  public boolean incomplete() {
    return drops.stream().anyMatch(d -> d.observationsDropped() + d.violationsDropped() + d.kernelEventsLost() > 0);
  }

  public long observationsDropped() {
    return drops.stream().mapToLong(DropSummary::observationsDropped).sum();
  }

  public long violationsDropped() {
    return drops.stream().mapToLong(DropSummary::violationsDropped).sum();
  }

  public long kernelEventsLost() {
    return drops.stream().mapToLong(DropSummary::kernelEventsLost).sum();
  }
}
