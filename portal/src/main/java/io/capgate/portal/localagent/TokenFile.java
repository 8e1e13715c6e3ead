package io.capgate.portal.localagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * The enrollment token handed to the local agent through the data folder: {@code local-agent/enrollment.token},
 * owner-only (the folder 0700, the file 0600), written atomically. {@code scripts/run.sh} enrolls with it and
 * deletes it; a file older than the token's validity is replaced.
 */
final class TokenFile {

  private final Path file;

  TokenFile(Path dataDir) {
    this.file = dataDir.resolve("local-agent").resolve("enrollment.token");
  }

  Path path() {
    return file;
  }

  /** Whether a token that may still be valid is waiting for the agent. */
  boolean fresh(Instant now, Duration validity) {
    try {
      return Files.exists(file) && Files.getLastModifiedTime(file).toInstant().plus(validity).isAfter(now);
    } catch (IOException e) {
      return false;
    }
  }

  void write(String token) {
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Path temp = Files.createTempFile(dir, "token", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, token + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the local agent's enrollment token to " + file, e);
    }
  }
}
