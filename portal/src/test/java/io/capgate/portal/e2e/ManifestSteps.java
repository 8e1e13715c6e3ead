package io.capgate.portal.e2e;

import static io.capgate.portal.testing.Fixtures.as;

import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.traces.ObservationSummary;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The manifest workflow as the people of a {@link Fleet} go through it: the developer drafts and submits, the
 * reviewer (never the author: four eyes) approves, and the version is activated.
 */
final class ManifestSteps {

  private final Fleet fleet;
  private final ManifestVersions versions;
  private final Approvals approvals;

  ManifestSteps(Fleet fleet, ManifestVersions versions, Approvals approvals) {
    this.fleet = fleet;
    this.versions = versions;
    this.approvals = approvals;
  }

  /**
   * A manifest built from a service's observations with shared-model's {@link ManifestBuilder} (what
   * {@code capgate build} does with a trace): each observed module gets the groups its syscalls need.
   */
  static String fromObservations(String service, List<ObservationSummary> observations) {
    SortedMap<String, SortedMap<String, Long>> syscalls = new TreeMap<>();
    SortedMap<String, SortedMap<String, Long>> programs = new TreeMap<>();
    for (var row : observations) {
      syscalls.computeIfAbsent(row.module(), m -> new TreeMap<>()).merge(row.syscall(), row.count(), Long::sum);
      programs.computeIfAbsent(row.module(), m -> new TreeMap<>());
      if (row.program() != null) {
        programs.get(row.module()).merge(row.program(), row.count(), Long::sum);
      }
    }
    SortedMap<String, TraceModule> modules = new TreeMap<>();
    syscalls.forEach((module, calls) -> modules.put(module, new TraceModule(calls, programs.get(module), List.of())));
    var trace = new Trace(Trace.API_VERSION, service, "x86_64", "3.11", FleetRequirements.PYTHON.toString(), "",
        List.of(), "", 0, 0, modules);
    return ManifestWriter.toYaml(ManifestBuilder.build(List.of(trace), ManifestBuilder.BuildOptions.of(service)));
  }

  /** The developer drafts the YAML and submits it; returns the version, IN_REVIEW. */
  ManifestVersion draftAndSubmit(long serviceId, String yaml) {
    return as(fleet.developer, () -> {
      var draft = versions.createDraft(serviceId, yaml);
      return versions.submit(draft.version().id(), "fleet test: what the service was observed doing")
          .version().version();
    });
  }

  /** The reviewer approves the version's request; with one required approval that approves the version. */
  void approve(long versionId) {
    as(fleet.reviewer, () -> {
      var request = approvals.forVersion(versionId).orElseThrow();
      approvals.approve(request.id(), "looks like what it does");
    });
  }

  /** The reviewer activates the approved version (projects with a separate activation step). */
  void activate(long versionId) {
    as(fleet.reviewer, () -> approvals.activate(versionId));
  }

  ManifestState state(long versionId) {
    return as(fleet.reviewer, () -> versions.get(versionId).version().state());
  }

  /** Drafted, submitted, approved and, when the project activates separately, activated: ACTIVE. */
  ManifestVersion activeVersion(long serviceId, String yaml) {
    var version = draftAndSubmit(serviceId, yaml);
    approve(version.id());
    if (state(version.id()) == ManifestState.APPROVED) {
      activate(version.id());
    }
    return version;
  }
}
