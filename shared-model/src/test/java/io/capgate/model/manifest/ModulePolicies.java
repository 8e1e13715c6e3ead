package io.capgate.model.manifest;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test helper: {@code policy().capabilities("io").syscalls("getrandom").exec("/usr/bin/git").build()}.
 * Shipped in the shared-model test-jar.
 */
public final class ModulePolicies {

    private ModulePolicies() {
    }

    /** An empty policy builder. */
    public static Builder policy() {
        return new Builder();
    }

    /** Accumulates entries; each call adds to what is there. */
    public static final class Builder {
        private final Set<String> capabilities = new TreeSet<>();
        private final Set<String> syscalls = new TreeSet<>();
        private final Set<String> exec = new TreeSet<>();

        private Builder() {
        }

        /** Adds capability groups. */
        public Builder capabilities(String... groups) {
            capabilities.addAll(Arrays.asList(groups));
            return this;
        }

        /** Adds syscalls (full names). */
        public Builder syscalls(String... names) {
            syscalls.addAll(Arrays.asList(names));
            return this;
        }

        /** Adds program paths. */
        public Builder exec(String... paths) {
            exec.addAll(Arrays.asList(paths));
            return this;
        }

        /** The policy with everything added so far. */
        public ModulePolicy build() {
            return ModulePolicy.of(capabilities, syscalls, exec);
        }
    }
}
