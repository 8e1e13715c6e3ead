package io.capgate.agent.fleet.identity;

import io.capgate.agent.os.Processes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agent's private state directory: mode 0700, owned by the agent's user, every file written 0600. Opening
 * refuses a directory (or file) that another user owns or that group or others may write, because whoever can
 * write there can replace the agent's key or the CA it trusts; a directory others may merely read is tightened to
 * 0700. A file group or others may read is refused (it may hold the key); one made read-only (0400) is fine.
 */
public final class StateDirectory {

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path dir;
    private final int uid;

    private StateDirectory(Path dir, int uid) {
        this.dir = dir;
        this.uid = uid;
    }

    /** Opens (creating it 0700 if needed) the state directory for this process's effective user. */
    public static StateDirectory open(Path dir, Processes processes, Consumer<String> notices) throws IOException {
        return open(dir, processes.euid(), notices);
    }

    /**
     * Opens (creating it 0700 if needed) a state directory that must belong to {@code uid}.
     *
     * @throws IdentityException when the directory is unsafe to use
     */
    public static StateDirectory open(Path dir, int uid, Consumer<String> notices) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(absolute, DIR_MODE); // the umask may have taken bits away, never mind
        }
        PosixFileAttributes attributes = Files.readAttributes(absolute, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IdentityException(absolute + " is not a directory (a symlink is not accepted either): "
                    + "give the agent a state directory of its own");
        }
        checkOwnerAndWriters(absolute, uid, attributes);
        if (!attributes.permissions().equals(DIR_MODE)) {
            notices.accept("state directory %s had mode %s; tightened to rwx------".formatted(absolute,
                    PosixFilePermissions.toString(attributes.permissions())));
            Files.setPosixFilePermissions(absolute, DIR_MODE);
        }
        return new StateDirectory(absolute, uid);
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** Whether a file exists. */
    public boolean exists(String name) {
        return Files.exists(file(name), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Reads a file after checking it is a regular file of ours that group and others cannot access.
     *
     * @return the content, or empty when the file does not exist
     * @throws IdentityException when the file is unsafe
     */
    public Optional<byte[]> read(String name) throws IOException {
        Path file = file(name);
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new IdentityException(file + " is not a regular file (symlinks are refused); remove it");
        }
        checkOwnerAndWriters(file, uid, attributes);
        if (!FILE_MODE.containsAll(attributes.permissions())) {
            throw new IdentityException("%s has mode %s; group and others must have no access (chmod 600 %s), "
                    .formatted(file, PosixFilePermissions.toString(attributes.permissions()), file)
                    + "it may hold a key");
        }
        return Optional.of(Files.readAllBytes(file));
    }

    /** Writes a file with mode 0600, replacing it atomically: a crash leaves the old content or the new. */
    public void write(String name, byte[] content) throws IOException {
        Path target = file(name);
        Path tmp = file(name + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(FILE_MODE))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.setPosixFilePermissions(tmp, FILE_MODE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private Path file(String name) {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return dir.resolve(name);
    }

    private static void checkOwnerAndWriters(Path path, int uid, PosixFileAttributes attributes)
            throws IOException {
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) {
            throw new IdentityException("%s is owned by uid %d, not by the agent's user (uid %d): chown it to the "
                    .formatted(path, owner, uid) + "agent's user or choose another state directory");
        }
        Set<PosixFilePermission> loose = EnumSet.copyOf(OTHERS_WRITE);
        loose.retainAll(attributes.permissions());
        if (!loose.isEmpty()) {
            throw new IdentityException(("%s is writable by group or others (mode %s): someone else could have "
                    + "replaced the agent's key or trusted CA. Check its contents, then chmod go-w it")
                    .formatted(path, PosixFilePermissions.toString(attributes.permissions())));
        }
    }
}
