package io.capgate.model.syscalls;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A full syscall name: a base name with an optional {@linkplain SyscallVariant variant}, written
 * {@code base} or {@code base:variant} ({@code openat:write}).
 *
 * <p>The base is a syscall name from a {@link SyscallTable} or, for syscalls newer than the tables, the raw form
 * {@code syscall_<n>} with a decimal number below {@value SyscallVariant#INDEX_STRIDE} and no leading zeros. This record
 * checks the grammar and that the variant applies to the base; whether the base exists on an architecture is the
 * table's business.
 *
 * @param base    the syscall name without variant, {@code [a-z0-9_]+}
 * @param variant the variant, {@link SyscallVariant#NONE} for none
 */
public record SyscallName(String base, SyscallVariant variant) implements Comparable<SyscallName> {

    private static final Pattern BASE = Pattern.compile("[a-z0-9_]+");
    private static final Pattern FULL = Pattern.compile("([a-z0-9_]+)(?::([a-z0-9_]+))?");
    private static final Pattern RAW = Pattern.compile("syscall_(0|[1-9][0-9]{0,3})");
    private static final String RAW_PREFIX = "syscall_";

    /**
     * @throws IllegalArgumentException when the base breaks the grammar or the variant does not apply to it
     */
    public SyscallName {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(variant, "variant");
        if (!BASE.matcher(base).matches()) {
            throw new IllegalArgumentException("invalid syscall name '" + base + "': expected [a-z0-9_]+");
        }
        if (base.startsWith(RAW_PREFIX) && rawNumberOf(base).isEmpty()) {
            throw new IllegalArgumentException("invalid raw syscall name '" + base + "': expected syscall_<n> with n a"
                    + " number from 0 to " + (SyscallVariant.INDEX_STRIDE - 1) + " without leading zeros");
        }
        if (!variant.appliesTo(base)) {
            throw new IllegalArgumentException("variant '" + variant.suffix() + "' does not apply to '" + base
                    + "'; it applies only to " + String.join(", ", variant.bases().stream().sorted().toList()));
        }
    }

    /**
     * Parses {@code base} or {@code base:variant}.
     *
     * @throws IllegalArgumentException with the offending text and what was expected
     */
    public static SyscallName parse(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        Matcher m = FULL.matcher(fullName);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid syscall name '" + fullName
                    + "': expected name or name:variant, name [a-z0-9_]+, variant one of " + variantList());
        }
        SyscallVariant variant = SyscallVariant.NONE;
        if (m.group(2) != null) {
            variant = SyscallVariant.fromSuffix(m.group(2))
                    .filter(v -> v != SyscallVariant.NONE)
                    .orElseThrow(() -> new IllegalArgumentException("unknown variant '" + m.group(2) + "' in '"
                            + fullName + "'; valid variants: " + variantList()));
        }
        return new SyscallName(m.group(1), variant);
    }

    /** A name without variant. */
    public static SyscallName of(String base) {
        return new SyscallName(base, SyscallVariant.NONE);
    }

    /** The raw name {@code syscall_<nr>} for a syscall number a table does not know. */
    public static SyscallName raw(int nr) {
        if (nr < 0 || nr >= SyscallVariant.INDEX_STRIDE) {
            throw new IllegalArgumentException("syscall number " + nr + " out of range 0.."
                    + (SyscallVariant.INDEX_STRIDE - 1));
        }
        return of(RAW_PREFIX + nr);
    }

    /** The number of a raw {@code syscall_<n>} name; empty for ordinary names. */
    public OptionalInt rawNumber() {
        return rawNumberOf(base);
    }

    /** Whether this has a variant other than {@link SyscallVariant#NONE}. */
    public boolean hasVariant() {
        return variant != SyscallVariant.NONE;
    }

    /** {@code base} or {@code base:variant}, what {@link #parse(String)} reads. */
    public String fullName() {
        return hasVariant() ? base + ":" + variant.suffix() : base;
    }

    /** Orders by full name, as in manifests. */
    @Override
    public int compareTo(SyscallName other) {
        return fullName().compareTo(other.fullName());
    }

    @Override
    public String toString() {
        return fullName();
    }

    private static OptionalInt rawNumberOf(String base) {
        Matcher m = RAW.matcher(base);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int nr = Integer.parseInt(m.group(1));
        return nr < SyscallVariant.INDEX_STRIDE ? OptionalInt.of(nr) : OptionalInt.empty();
    }

    private static String variantList() {
        return Arrays.stream(SyscallVariant.values())
                .filter(v -> v != SyscallVariant.NONE)
                .map(SyscallVariant::suffix)
                .collect(Collectors.joining(", "));
    }
}
