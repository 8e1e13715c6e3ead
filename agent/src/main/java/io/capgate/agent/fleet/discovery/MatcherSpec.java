package io.capgate.agent.fleet.discovery;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the processes of one service are recognised; the agent's form of the protocol's process matcher.
 */
public sealed interface MatcherSpec {

    /**
     * Processes running an executable, optionally narrowed by their command line.
     *
     * <p><b>Which path matches.</b> The kernel's {@code /proc/PID/exe} is the file actually mapped, with every
     * symlink resolved: a process started as {@code /usr/bin/python3} shows {@code /usr/bin/python3.11}. A
     * process matches when its executable equals {@code path} as written <em>or</em> {@code path} with its
     * symlinks resolved on this host at scan time, so {@code /usr/bin/python3} and {@code /usr/bin/python3.11}
     * both find it. The path a process was invoked as ({@code argv[0]}) is not used: the process can set it to
     * anything and it says nothing about the binary the engine must attach to. Consequence: a symlinked
     * interpreter (a virtualenv's {@code bin/python}, {@code /usr/bin/python3}) matches every process of the
     * binary it points to; add {@code argumentPattern} to tell services apart. A {@code #!} script runs its
     * interpreter: match the interpreter and put the script's path in the pattern.
     *
     * <p><b>Command line.</b> {@code argumentPattern} is searched ({@link java.util.regex.Matcher#find()}) in the
     * whole command line, {@code argv[0]} included, its arguments joined with single spaces, as {@code ps -o args}
     * shows it: {@code /usr/bin/python3.11 -m gunicorn app:main}.
     *
     * @param path            absolute, normalized path of the executable
     * @param argumentPattern searched in the command line; empty matches any
     */
    record Executable(Path path, Optional<Pattern> argumentPattern) implements MatcherSpec {

        public Executable {
            if (!path.isAbsolute() || !path.normalize().equals(path)) {
                throw new IllegalArgumentException("executable path must be absolute and normalized, got " + path);
            }
            argumentPattern = argumentPattern == null ? Optional.empty() : argumentPattern;
        }

        /**
         * Builds the spec from its text form.
         *
         * @param path            absolute path of the executable
         * @param argumentRegex   a Java regular expression, or null or empty for any command line
         * @throws IllegalArgumentException when the path is relative or the regex does not compile
         */
        public static Executable of(String path, String argumentRegex) {
            Optional<Pattern> pattern = Optional.empty();
            if (argumentRegex != null && !argumentRegex.isEmpty()) {
                try {
                    pattern = Optional.of(Pattern.compile(argumentRegex));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("argument pattern does not compile: " + e.getDescription()
                            + " near index " + e.getIndex() + " of " + argumentRegex, e);
                }
            }
            return new Executable(Path.of(path), pattern);
        }
    }

    /**
     * The processes in a systemd unit's cgroup: a process matches when a line of its {@code /proc/PID/cgroup}
     * has the unit as one of its path components ({@code 0::/system.slice/billing.service}, also in a nested
     * cgroup below it and in user units under {@code user@UID.service}).
     *
     * @param unit the unit's full name; {@code billing} becomes {@code billing.service}
     */
    record SystemdUnit(String unit) implements MatcherSpec {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9:_.\\\\@-]{1,255}");
        private static final Pattern TYPED = Pattern.compile(".*\\.(service|scope|slice)");

        public SystemdUnit {
            if (unit == null || !NAME.matcher(unit).matches() || unit.startsWith(".") || unit.contains("/")) {
                throw new IllegalArgumentException("not a systemd unit name: '" + unit + "'");
            }
            if (!TYPED.matcher(unit).matches()) {
                unit = unit + ".service";
            }
        }
    }
}
