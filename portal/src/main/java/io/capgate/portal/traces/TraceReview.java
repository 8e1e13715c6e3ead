package io.capgate.portal.traces;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.trace.Trace;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.Access;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trace review of a service: what it was observed doing over a time range, compared with its active manifest,
 * and the one action that turns the observations into a new DRAFT version. Reading needs any role on the service's
 * project (another organization's service is not found); creating the draft needs what
 * {@link ManifestVersions#createDraft} needs (DEVELOPER or PROJECT_OWNER), and the draft then goes through the
 * approval flow like any other.
 */
@Service
public class TraceReview {

  /** Syscall names are per architecture; without an active manifest saying otherwise, the agents' x86_64. */
  static final String DEFAULT_ARCH = "x86_64";
  private static final Pattern PYTHON = Pattern.compile(".*?(3\\.[0-9]{1,2}).*");

  private final Observations observations;
  private final ServiceRegistry services;
  private final ManifestVersions versions;
  private final Access access;
  private final ApplicationEventPublisher events;

  TraceReview(Observations observations, ServiceRegistry services, ManifestVersions versions, Access access,
      ApplicationEventPublisher events) {
    this.observations = observations;
    this.services = services;
    this.versions = versions;
    this.access = access;
    this.events = events;
  }

  /** What the service did in {@code [from, to)} and how it compares with the active manifest. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public ObservedBehaviour review(long serviceId, Instant from, Instant to) {
    checkRange(from, to);
    var service = services.get(serviceId);
    access.projectRoles(service.projectId());
    var modules = ObservedTrace.modules(observations.summary(serviceId, from, to),
        observations.sampleStacks(serviceId, from, to));
    var drops = observations.drops(serviceId, from, to);
    var active = versions.active(serviceId);
    var trace = trace(service, active.map(ManifestVersionDetails::manifest), from, to, modules,
        drops.stream().mapToLong(DropSummary::kernelEventsLost).sum());
    var baseline = active.map(ManifestVersionDetails::manifest).orElse(emptyManifest(trace));
    var gap = ManifestGaps.between(trace, baseline);
    Optional<Manifest> draft = Optional.empty();
    String problem = "";
    try {
      draft = Optional.of(DraftManifest.build(trace, active.map(ManifestVersionDetails::manifest), service.name()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      problem = e.getMessage();
    }
    var draftDiff = draft.map(d -> ManifestDiff.between(
        active.map(ManifestVersionDetails::manifest).orElseGet(() -> nothingAllowed(d)), d));
    return new ObservedBehaviour(serviceId, service.name(), from, to, modules, drops,
        active.map(ManifestVersionDetails::version), gap, draft, draftDiff, problem);
  }

  /**
   * Builds a manifest from what was observed in {@code [from, to)} (see {@link DraftManifest}) and saves it as a new
   * DRAFT version of the service, written by the caller.
   *
   * @throws IllegalStateException    when nothing was observed or the active version already allows all of it
   * @throws IllegalArgumentException when the observations cannot make a valid manifest
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public ManifestVersionDetails turnIntoDraft(long serviceId, Instant from, Instant to) {
    var review = review(serviceId, from, to);
    if (review.draft().isEmpty()) {
      throw new IllegalStateException(review.draftProblem());
    }
    var created = versions.createDraft(serviceId, ManifestWriter.toYaml(review.draft().get()));
    var user = access.currentUser();
    var after = new LinkedHashMap<String, Object>();
    after.put("serviceId", serviceId);
    after.put("version", created.version().version());
    after.put("from", from.toString());
    after.put("to", to.toString());
    after.put("basedOn", review.active().map(v -> (Object) v.version()).orElse(null));
    after.put("incomplete", review.incomplete());
    events.publishEvent(new AuditEvent(user.organizationId(), user.actor(), "trace.draft_built", "manifest_version",
        Long.toString(created.version().id()), null, after));
    return created;
  }

  private static Trace trace(RegisteredService service, Optional<Manifest> active, Instant from, Instant to,
      List<ModuleActivity> modules, long kernelEventsLost) {
    String arch = active.map(Manifest::arch).orElse(DEFAULT_ARCH);
    String python = active.map(Manifest::python).orElseGet(() -> pythonOf(service.interpreter()));
    return ObservedTrace.trace(service.name(), arch, python, from, to, modules, kernelEventsLost);
  }

  /** {@code cpython-3.11} → {@code 3.11}; "" when the interpreter names no CPython 3 version (the builder says so). */
  static String pythonOf(String interpreter) {
    var matcher = PYTHON.matcher(interpreter == null ? "" : interpreter);
    return matcher.matches() ? matcher.group(1) : "";
  }

  private static Manifest emptyManifest(Trace trace) {
    return Manifest.of(trace.service().isEmpty() ? "service" : trace.service(), trace.arch(), trace.python(),
        ModulePolicy.EMPTY, Map.of());
  }

  /** The draft's header allowing nothing: without an active version, the diff shows everything as added. */
  private static Manifest nothingAllowed(Manifest draft) {
    return Manifest.of(draft.service(), draft.arch(), draft.python(), ModulePolicy.EMPTY, Map.of());
  }

  private static void checkRange(Instant from, Instant to) {
    if (from == null || to == null || !from.isBefore(to)) {
      throw new IllegalArgumentException("Choose a time range whose start is before its end");
    }
  }
}
