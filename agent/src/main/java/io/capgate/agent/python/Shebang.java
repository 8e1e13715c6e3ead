package io.capgate.agent.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code #!} line. Linux passes everything after the interpreter path as one
 * argument; {@code /usr/bin/env} lines are unpacked to the program it will look up on PATH
 * and its arguments ({@code env -S} splitting, {@code NAME=value} and common options skipped).
 *
 * @param interpreter the path after {@code #!}, or for env lines the program name to look up
 * @param arguments arguments before the script path
 * @param viaEnv whether {@link #interpreter()} must be looked up on PATH (an env line)
 */
record Shebang(String interpreter, List<String> arguments, boolean viaEnv) {

    /** Parses the first line of a file, empty when it does not start with {@code #!}. */
    static Optional<Shebang> parse(String firstLine) {
        if (!firstLine.startsWith("#!")) {
            return Optional.empty();
        }
        String rest = firstLine.substring(2).strip();
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        int space = indexOfWhitespace(rest);
        String path = space < 0 ? rest : rest.substring(0, space);
        String argument = space < 0 ? "" : rest.substring(space).strip();
        if (!path.equals("env") && !path.endsWith("/env")) {
            return Optional.of(new Shebang(path, argument.isEmpty() ? List.of() : List.of(argument), false));
        }
        return env(argument.split("\\s+"));
    }

    private static Optional<Shebang> env(String[] words) {
        List<String> tokens = new ArrayList<>();
        for (String w : words) {
            if (!w.isEmpty()) {
                tokens.add(w);
            }
        }
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            if (t.equals("-S") || t.equals("-i") || t.equals("-") || t.equals("-0") || t.equals("-v")
                    || t.equals("--ignore-environment") || t.startsWith("--split-string") || t.startsWith("--unset=")
                    || t.startsWith("--chdir=") || t.contains("=") && !t.startsWith("-")) {
                i++;
            } else if (t.startsWith("-S")) {
                tokens.set(i, t.substring(2));
            } else if (t.equals("-u") || t.equals("-C")) {
                i += 2;
            } else if (t.equals("--")) {
                i++;
                break;
            } else {
                break;
            }
        }
        if (i >= tokens.size()) {
            return Optional.empty();
        }
        return Optional.of(new Shebang(tokens.get(i), tokens.subList(i + 1, tokens.size()), true));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
