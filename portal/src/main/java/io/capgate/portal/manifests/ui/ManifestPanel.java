package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.CapabilityGroup;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.manifests.ui.Entries.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One manifest as reviewers read it: the defaults, then per module its capability groups (risky
 * ones as red badges), its own syscalls, every syscall the groups and its own list resolve to on the
 * manifest's architecture, and the programs it may execute.
 *
 * <p>Element ids: {@code manifest-header}, {@code manifest-defaults}, {@code manifest-module-<module>}.
 */
class ManifestPanel extends VerticalLayout {

  private final CapabilityCatalog catalog = CapabilityCatalog.standard();
  private final Arch arch;

  ManifestPanel(Manifest manifest) {
    this.arch = Arch.fromId(manifest.arch());
    setPadding(false);
    setSpacing(false);
    var header = new Span("service " + manifest.service() + " · " + manifest.arch() + " · Python " + manifest.python()
        + " · " + manifest.modules().size() + " modules");
    header.setId("manifest-header");
    header.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-bottom", "var(--lumo-space-s)");
    add(header, createPolicy("manifest-defaults", "Defaults (every module)", manifest.defaults(), false));
    manifest.modules().forEach((name, policy) -> add(createPolicy("manifest-module-" + name, name, policy, true)));
  }

  private Component createPolicy(String id, String title, ModulePolicy policy, boolean withExec) {
    var name = new H4(title);
    name.getStyle().set("margin", "0");
    var rows = new ArrayList<Component>(List.of(name,
        Entries.row("Capabilities", policy.capabilities().stream().map(this::capability).toList()),
        Entries.row("Syscalls", policy.syscalls().stream().map(s -> Entries.entry(s, Mark.NONE)).toList()),
        resolved(policy)));
    if (withExec) {
      rows.add(Entries.row("Exec", policy.exec().stream().map(p -> Entries.entry(p, Mark.NONE)).toList()));
    }
    return Entries.card(id, rows.toArray(Component[]::new));
  }

  private Component capability(String group) {
    var info = catalog.group(group);
    boolean risky = info.map(CapabilityGroup::risky).orElse(true);
    var badge = risky ? Badges.badge(group, "error", "primary") : Badges.badge(group);
    badge.getElement().setAttribute("title", info.map(CapabilityGroup::description).orElse("not in the catalog")
        + (risky ? " (risky)" : ""));
    if (risky) {
      badge.addClassName("capability-risky");
    }
    return badge;
  }

  /** The syscalls the module may make on the manifest's architecture: its groups' members and its own list. */
  private Component resolved(ModulePolicy policy) {
    SortedSet<String> syscalls = new TreeSet<>(policy.syscalls());
    policy.capabilities().forEach(group -> {
      if (catalog.group(group).isPresent()) {
        syscalls.addAll(catalog.syscalls(group, arch));
      }
    });
    var text = new Span(syscalls.isEmpty() ? "—" : String.join(" ", syscalls));
    text.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
        .set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
    var row = Entries.row("Resolved (" + syscalls.size() + ")", List.of(text));
    return new Div(row);
  }
}
