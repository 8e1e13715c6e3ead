package io.capgate.agent.python;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CPython version; offsets are chosen by {@link #feature()} (major.minor).
 *
 * @param major e.g. 3
 * @param minor e.g. 11
 * @param micro e.g. 2
 */
public record PythonVersion(int major, int minor, int micro) implements Comparable<PythonVersion> {

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[abc+].*|rc.*)?");
    private static final Comparator<PythonVersion> ORDER = Comparator.comparingInt(PythonVersion::major)
            .thenComparingInt(PythonVersion::minor).thenComparingInt(PythonVersion::micro);

    /** Rejects negative parts. */
    public PythonVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("negative version part: %d.%d.%d".formatted(major, minor, micro));
        }
    }

    /**
     * Parses {@code "3.11.2"}, {@code "3.11"}, {@code "3.13.0rc1"} or {@code "3.11.2+"}; a
     * release-level suffix is ignored, a missing micro is 0.
     *
     * @throws IllegalArgumentException when the text is not a version
     */
    public static PythonVersion parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Python version: '" + text + "'");
        }
        return new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /**
     * Decodes {@code PY_VERSION_HEX} / {@code Py_Version} / {@code sys.hexversion}:
     * {@code 0xMMmmuuLS} (major, minor, micro, release level, serial), e.g.
     * {@code 0x030b02f0} is 3.11.2 final.
     */
    public static PythonVersion fromHex(long hex) {
        if (hex < 0 || hex > 0xffff_ffffL) {
            throw new IllegalArgumentException("not a 32-bit PY_VERSION_HEX: 0x%x".formatted(hex));
        }
        return new PythonVersion((int) (hex >>> 24) & 0xff, (int) (hex >>> 16) & 0xff, (int) (hex >>> 8) & 0xff);
    }

    /** {@code "3.11"}: the part that selects a struct layout. */
    public String feature() {
        return major + "." + minor;
    }

    /** True when major and minor are equal. */
    public boolean sameFeature(PythonVersion other) {
        return major == other.major && minor == other.minor;
    }

    @Override
    public int compareTo(PythonVersion other) {
        return ORDER.compare(this, other);
    }

    /** {@code "3.11.2"}. */
    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
