package io.capgate.portal.manifests.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestDiff.Change;
import io.capgate.model.manifest.ManifestDiff.PolicyChange;
import io.capgate.portal.manifests.VersionDiff;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a version changes relative to another (usually the active one), per module, with every
 * risky addition flagged, and the same as the text reviewers read.
 *
 * @param fromVersion the older side's number; absent when the service had no active version (everything is new)
 * @param empty whether both sides allow exactly the same
 * @param risky whether any addition is risky (a risky capability group, any exec entry, an unknown syscall)
 * @param modules the defaults (module {@code (defaults)}) and every module that changed
 * @param text the unified-diff style rendering, one line per change
 */
@Schema(name = "ManifestDiff")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiffJson(Integer fromVersion, int toVersion, boolean empty, boolean risky, List<FieldChange> fields,
    List<ModuleChange> modules, String text) {

  /** A changed header field (apiVersion, service, arch, python). */
  public record FieldChange(String field, String from, String to) {}

  /**
   * The changes of one module.
   *
   * @param status added, removed or changed
   */
  public record ModuleChange(String module, String status, boolean risky, Entries capabilities, Entries syscalls,
      Entries exec) {}

  /** Entries of one kind added to and removed from a policy. */
  public record Entries(List<Added> added, List<String> removed) {}

  /** An added entry; {@code risky} additions need a reviewer's closer look. */
  public record Added(String name, boolean risky) {}

  static DiffJson of(VersionDiff diff) {
    ManifestDiff d = diff.diff();
    var fields = d.fields().stream().map(f -> new FieldChange(f.field(), f.oldValue(), f.newValue())).toList();
    var modules = new ArrayList<ModuleChange>();
    if (d.defaults().status() != ManifestDiff.Status.UNCHANGED) {
      modules.add(module(d.defaults()));
    }
    d.modules().stream().filter(m -> m.status() != ManifestDiff.Status.UNCHANGED).map(DiffJson::module)
        .forEach(modules::add);
    Integer from = diff.from() == null ? null : diff.from().version();
    return new DiffJson(from, diff.to().version(), d.isEmpty(), d.risky(), fields, modules, d.toText());
  }

  private static ModuleChange module(PolicyChange change) {
    return new ModuleChange(change.module(), change.status().name().toLowerCase(Locale.ROOT), change.risky(),
        entries(change, ManifestDiff.CAPABILITY), entries(change, ManifestDiff.SYSCALL),
        entries(change, ManifestDiff.EXEC));
  }

  private static Entries entries(PolicyChange change, String kind) {
    var ofKind = change.changes().stream().filter(c -> c.kind().equals(kind)).toList();
    return new Entries(
        ofKind.stream().filter(Change::added).map(c -> new Added(c.name(), c.risky())).toList(),
        ofKind.stream().filter(c -> !c.added()).map(Change::name).toList());
  }
}
