package io.capgate.agent.supervise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Which program an exec ran, as the kernel identifies it: the image's device and inode. For a {@code #!}
 * script the image is its interpreter, so that is what a manifest must list (and what enforcement checks).
 */
final class ExecIdentity {

    private ExecIdentity() {
    }

    /** A file as the kernel identifies an executed image: {@code s_dev} (MKDEV encoding) and inode. */
    record FileId(long dev, long ino) {

        /** The identity of the file a path resolves to (symlinks followed), or empty if it cannot be read. */
        static java.util.Optional<FileId> of(Path path) {
            try {
                return java.util.Optional.of(new FileId(
                        PolicyEntries.kernelDev((Long) Files.getAttribute(path, "unix:dev")),
                        (Long) Files.getAttribute(path, "unix:ino")));
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * @param path the path the process executed (as given to execve, possibly a script or a symlink)
     * @param dev  the kernel device of the image that runs
     * @param ino  its inode
     * @return the canonical path of the image that runs
     */
    static String program(String path, long dev, long ino, Consumer<String> notices) {
        String canonical = OutputAssembler.canonical(path);
        if (matches(canonical, dev, ino)) {
            return canonical;
        }
        String interpreter = shebangInterpreter(canonical);
        if (interpreter != null && matches(interpreter, dev, ino)) {
            notices.accept("exec of script " + canonical + " recorded as its interpreter " + interpreter
                    + ": programs are identified by the image that runs");
            return interpreter;
        }
        return canonical;
    }

    private static boolean matches(String path, long dev, long ino) {
        return FileId.of(Path.of(path)).equals(java.util.Optional.of(new FileId(dev, ino)));
    }

    private static String shebangInterpreter(String script) {
        try (InputStream in = Files.newInputStream(Path.of(script))) {
            byte[] head = in.readNBytes(256);
            String first = new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            if (!first.startsWith("#!")) {
                return null;
            }
            String[] words = first.substring(2).trim().split("\\s+");
            return words.length == 0 || words[0].isEmpty() ? null : OutputAssembler.canonical(words[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
