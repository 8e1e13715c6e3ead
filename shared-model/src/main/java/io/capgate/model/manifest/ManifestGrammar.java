package io.capgate.model.manifest;

import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The grammar every manifest string must match, and messages that explain a mismatch.
 *
 * <p>These strings are loaded by a program that runs as root, so the grammars are plain ASCII and deliberately
 * narrow: no quotes, braces, whitespace, control characters or look-alike Unicode anywhere. Each check returns
 * the reason a value is rejected, or empty when it is valid. Values quoted in messages go through
 * {@link #show(String)} so a hostile value cannot smuggle control characters into a terminal or a log.
 */
public final class ManifestGrammar {

    /** Service names: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    public static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** CPython minor versions: {@code 3\.\d{1,2}}. */
    public static final Pattern PYTHON = Pattern.compile("3\\.[0-9]{1,2}");
    /** Dotted Python identifiers, ASCII only. */
    /**
     * Dotted names whose parts start with a letter or underscore; parts may contain '-' because application
     * files such as an entry script {@code my-script.py} are named by their path, importable or not.
     */
    public static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");
    /** Absolute program paths; {@code .} and {@code ..} segments are rejected separately. */
    public static final Pattern EXEC_PATH = Pattern.compile("/[A-Za-z0-9._+@-]+(/[A-Za-z0-9._+@-]+)*");
    /** Capability group names such as {@code net.connect}. */
    public static final Pattern CAPABILITY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    /** Syscall names, optionally with a variant: {@code openat}, {@code openat:write}, {@code syscall_451}. */
    public static final Pattern SYSCALL = Pattern.compile("[a-z0-9_]+(:[a-z0-9_]+)?");

    /** Longest module name. */
    public static final int MODULE_MAX = 200;
    /** Longest exec path. */
    public static final int EXEC_MAX = 1024;
    /** Longest service name. */
    public static final int SERVICE_MAX = 63;
    /** Longest capability group name. */
    public static final int CAPABILITY_MAX = 64;
    /** Longest full syscall name. */
    public static final int SYSCALL_MAX = 64;

    private static final int SHOW_MAX = 60;

    private ManifestGrammar() {
    }

    /** Why {@code value} is not a valid service name, or empty. */
    public static Optional<String> checkService(String value) {
        return check("service name", value, SERVICE, SERVICE_MAX, "[a-z0-9][a-z0-9._-]{0,62}");
    }

    /** Why {@code value} is not a valid {@code python} version, or empty. */
    public static Optional<String> checkPython(String value) {
        return check("python version", value, PYTHON, 16, "3.<minor>, e.g. \"3.11\"");
    }

    /** Why {@code value} is neither a pseudo module nor a dotted module name, or empty. */
    public static Optional<String> checkModule(String value) {
        if (ModulePolicy.PSEUDO_MODULES.contains(value)) {
            return Optional.empty();
        }
        return check("module name", value, MODULE, MODULE_MAX,
                "a dotted Python module name (letters, digits, '_' and '-', each part starting with a letter or '_') or one of " + String.join(", ", new TreeSet<>(ModulePolicy.PSEUDO_MODULES)));
    }

    /** Why {@code value} is not an absolute, normalized program path, or empty. */
    public static Optional<String> checkExecPath(String value) {
        Optional<String> bad = check("exec path", value, EXEC_PATH, EXEC_MAX,
                "an absolute path of [A-Za-z0-9._+@-] segments, e.g. /usr/bin/git");
        if (bad.isPresent()) {
            return bad;
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("exec path " + show(value) + " is not normalized: '.' and '..' segments are not allowed");
            }
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be a capability group name (syntax only; the catalog decides if it exists). */
    public static Optional<String> checkCapabilitySyntax(String value) {
        return check("capability group", value, CAPABILITY, CAPABILITY_MAX, "a dotted lower-case name, e.g. net.connect");
    }

    /** Why {@code value} cannot be a syscall name (syntax only; the syscall table decides if it exists). */
    public static Optional<String> checkSyscallSyntax(String value) {
        return check("syscall", value, SYSCALL, SYSCALL_MAX, "a syscall name with an optional :variant, e.g. openat:write");
    }

    /**
     * {@code value} in single quotes, safe to print: quotes and backslashes escaped, anything outside printable
     * ASCII as {@code \\uXXXX}, and cut after 60 characters with the full length noted.
     */
    public static String show(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), SHOW_MAX);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\'');
        if (value.length() > SHOW_MAX) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }

    private static Optional<String> check(String what, String value, Pattern pattern, int max, String expected) {
        if (value == null) {
            return Optional.of(what + " is missing");
        }
        String reason = reason(value, pattern, max, expected);
        return reason == null ? Optional.empty() : Optional.of("invalid " + what + " " + show(value) + ": " + reason);
    }

    private static String reason(String value, Pattern pattern, int max, String expected) {
        if (value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > max) {
            return "is " + value.length() + " characters long, the limit is " + max;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return String.format("contains control character U+%04X", (int) c);
            }
            if (c > 0x7e) {
                return String.format("contains non-ASCII character U+%04X", value.codePointAt(i));
            }
        }
        if (pattern.matcher(value).matches()) {
            return null;
        }
        int bad = firstForeignChar(value);
        String hint = bad < 0 ? "" : "character " + show(value.substring(bad, bad + 1)) + " is not allowed; ";
        return hint + "expected " + expected;
    }

    /** Index of the first character no valid value of any grammar here may contain, or -1. */
    private static int firstForeignChar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '/' || c == '+' || c == '@' || c == ':';
            if (!plain) {
                return i;
            }
        }
        return -1;
    }
}
