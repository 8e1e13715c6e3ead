package io.capgate.templates;

import java.util.regex.Pattern;

/** How values become bpftrace source text. The only place that turns a Java string into program text. */
public final class BpfLiterals {

    /** Probe paths appear unquoted in attach points; only plain path characters may appear there. */
    private static final Pattern PROBE_PATH = Pattern.compile("/[A-Za-z0-9._+/-]{1,4000}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern MAP_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private BpfLiterals() {
    }

    /** A decimal literal; negative values are how unsigned 64-bit constants are written. */
    public static String integer(long value) {
        return Long.toString(value);
    }

    /**
     * A double-quoted string literal: printable ASCII is kept, backslash and quote are escaped, every other
     * character (newlines, NUL, non-ASCII) becomes an octal escape, so the literal can never end early.
     */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (byte raw : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append('\\').append(String.format("%03o", c));
            }
        }
        return out.append('"').toString();
    }

    /** A file path used in an attach point ({@code uprobe:PATH:symbol}). */
    public static String probePath(String path) {
        if (!PROBE_PATH.matcher(path).matches() || path.contains("//") || path.contains("/../")
                || path.endsWith("/..")) {
            throw new TemplateException("refusing probe path " + string(path)
                    + ": only absolute paths of letters, digits and ._+-/ can be attached to");
        }
        return path;
    }

    /** An ELF symbol name used in an attach point. */
    public static String symbol(String name) {
        if (!SYMBOL.matcher(name).matches()) {
            throw new TemplateException("refusing symbol " + string(name) + ": not a C identifier");
        }
        return name;
    }

    static String mapName(String name) {
        if (!MAP_NAME.matcher(name).matches()) {
            throw new TemplateException("refusing map name " + string(name));
        }
        return name;
    }
}
