package io.capgate.model.manifest;

import java.util.Optional;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.SyscallName;
import io.capgate.model.syscalls.SyscallTable;

/**
 * Checks list entries of a policy: capability groups against the catalog, syscalls against the table of the
 * manifest's architecture, exec paths against their grammar. Each check returns the problem or empty.
 */
final class EntryChecker {

    private static final int SUGGESTIONS = 3;

    private final CapabilityCatalog catalog = CapabilityCatalog.standard();
    private final Optional<Arch> arch;

    /**
     * @param arch the manifest's architecture; empty when it is invalid, and then syscalls get a syntax check only
     */
    EntryChecker(Optional<Arch> arch) {
        this.arch = arch;
    }

    Optional<String> capability(String name) {
        Optional<String> syntax = ManifestGrammar.checkCapabilitySyntax(name);
        if (syntax.isPresent() || catalog.group(name).isPresent()) {
            return syntax;
        }
        return Optional.of("unknown capability group " + ManifestGrammar.show(name)
                + Suggestions.didYouMean(catalog.closest(name, SUGGESTIONS)));
    }

    Optional<String> syscall(String fullName) {
        Optional<String> syntax = ManifestGrammar.checkSyscallSyntax(fullName);
        if (syntax.isPresent()) {
            return syntax;
        }
        SyscallName name;
        try {
            name = SyscallName.parse(fullName);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (arch.isEmpty()) {
            return Optional.empty();
        }
        SyscallTable table = SyscallTable.of(arch.get());
        if (name.rawNumber().isPresent()) {
            try {
                table.index(fullName);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        if (table.contains(fullName)) {
            return Optional.empty();
        }
        String suggestions = Suggestions.didYouMean(table.closest(fullName, SUGGESTIONS));
        for (Arch other : Arch.values()) {
            if (other != arch.get() && SyscallTable.of(other).contains(fullName)) {
                return Optional.of("syscall " + ManifestGrammar.show(fullName) + " does not exist on "
                        + arch.get().id() + ", only on " + other.id() + suggestions);
            }
        }
        return Optional.of("unknown syscall " + ManifestGrammar.show(fullName) + " for " + arch.get().id()
                + suggestions);
    }

    Optional<String> exec(String path) {
        return ManifestGrammar.checkExecPath(path);
    }
}
