package io.capgate.model.syscalls;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A named set of syscalls a manifest can grant at once, from the {@link CapabilityCatalog}.
 *
 * @param name        {@code [a-z]+(\.[a-z_]+)*}, e.g. {@code net.connect}
 * @param description one sentence for humans
 * @param risky       whether granting the group lets code weaken the sandbox or act beyond the service
 * @param members     full syscall names ({@code openat:write}), over all architectures
 * @param keys        the members whose observation in a trace implies the group; a subset of {@code members}
 */
public record CapabilityGroup(String name, String description, boolean risky, SortedSet<String> members,
                              SortedSet<String> keys) {

    /** Copies the sets into unmodifiable sorted sets and rejects nulls. */
    public CapabilityGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        members = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(members, "members")));
        keys = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(keys, "keys")));
    }

    /** Whether {@code fullName} is a member of this group (on some architecture). */
    public boolean contains(String fullName) {
        return members.contains(fullName);
    }
}
