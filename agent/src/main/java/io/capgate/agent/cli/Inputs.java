package io.capgate.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestException;
import io.capgate.model.manifest.ManifestParser;
import io.capgate.model.manifest.ManifestProblem;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceFormatException;
import io.capgate.model.trace.TraceJson;

/**
 * Reads the CLI's inputs and writes its outputs, turning expected failures into {@link CliException}s: invalid
 * manifests and traces into one {@code file:line:col: message} line per problem (exit 65), missing files into 66,
 * unwritable outputs into 73.
 */
final class Inputs {

    /** The file name that means standard input or output. */
    static final String STDIO = "-";

    private static final ManifestParser PARSER = new ManifestParser();

    private Inputs() {
    }

    /** Parses a manifest file; every problem is reported, and nothing is started when there is one. */
    static Manifest manifest(Path file) throws CliException, IOException {
        return manifests(List.of(file)).getFirst();
    }

    /** Parses several manifest files, collecting the problems of all of them before failing. */
    static List<Manifest> manifests(List<Path> files) throws CliException, IOException {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        for (Path file : files) {
            try {
                manifests.add(PARSER.parse(readable(file)));
            } catch (ManifestException e) {
                e.problems().stream().map(ManifestProblem::toString).forEach(problems::add);
                bad++;
            }
        }
        if (!problems.isEmpty()) {
            String which = bad == 1 && files.size() == 1 ? files.getFirst().toString() : bad + " manifests";
            throw new CliException(ExitCodes.DATAERR, which + ": " + count(problems.size(), "problem")
                    + " (each listed above)", problems);
        }
        return manifests;
    }

    /**
     * Reads traces: files, or {@code -} for standard input.
     *
     * @throws CliException with {@code file:line:col: message} for a trace that is not valid
     */
    static List<Trace> traces(List<String> names, InputStream stdin) throws CliException, IOException {
        List<Trace> traces = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String text;
            String source;
            if (STDIO.equals(name)) {
                source = "<stdin>";
                text = decode(stdin.readAllBytes(), source);
            } else {
                Path file = readable(Path.of(name));
                source = file.toString();
                text = decode(Files.readAllBytes(file), source);
            }
            try {
                traces.add(TraceJson.read(text, source));
            } catch (TraceFormatException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCodes.DATAERR, count(problems.size(), "trace") + " could not be read"
                    + " (see above)", problems);
        }
        return traces;
    }

    /** Writes {@code text} to {@code file}, or to {@code stdout} when the name is {@code -}. */
    static void write(String name, String text, java.io.PrintWriter stdout) throws CliException, IOException {
        if (STDIO.equals(name)) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        Path file = Path.of(name);
        requireWritable(file);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Fails early, before minutes of tracing, when {@code file} could not be created. */
    static void requireWritable(Path file) throws CliException {
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCodes.CANTCREAT, file + " is a directory; give a file name");
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException(ExitCodes.CANTCREAT, "cannot create " + file + ": directory " + parent
                    + " does not exist");
        }
        if (parent != null && !Files.isWritable(parent) && !Files.isWritable(file)) {
            throw new CliException(ExitCodes.CANTCREAT, "cannot create " + file + ": directory " + parent
                    + " is not writable");
        }
    }

    /** Creates {@code dir} (and parents) or fails with 73. */
    static Path directory(Path dir) throws CliException {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.CANTCREAT, "cannot create directory " + dir + ": " + describe(e));
        }
    }

    private static Path readable(Path file) throws CliException {
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCodes.NOINPUT, file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new CliException(ExitCodes.NOINPUT, file + ": no such file");
        }
        return file;
    }

    private static String decode(byte[] bytes, String source) throws CliException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(ExitCodes.DATAERR, source + ": not valid UTF-8");
        }
    }

    /** A one-line description of an I/O failure, naming the file. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A command line as a shell would need it typed: arguments with special characters in single quotes. */
    static String shellJoin(java.util.List<String> command) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String word : command) {
            words.add(word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** {@code 1 module}, {@code 2 modules}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
