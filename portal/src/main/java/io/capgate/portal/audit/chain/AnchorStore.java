package io.capgate.portal.audit.chain;

import io.capgate.portal.base.PortalProperties;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The signed head of each organization's chain, kept in the data folder, outside the database:
 * {@code audit-anchors/<organization>.anchor}. Someone who can change the database but not this
 * folder cannot delete the newest rows unnoticed, nor forge an anchor without the audit key.
 *
 * <p>Written after each commit that appended rows (temporary file, fsync, atomic rename), and
 * only forwards: commits finishing out of order never move an anchor back.
 */
@Component
class AnchorStore {

  static final String DIRECTORY = "audit-anchors";
  private static final Logger log = LoggerFactory.getLogger(AnchorStore.class);
  private static final String HEADER = "capgate-audit-anchor-v1";

  private final Path directory;
  private final AuditKey key;
  private final Clock clock;
  private final Map<Long, Long> anchoredSeq = new ConcurrentHashMap<>();
  private final Map<Long, Object> locks = new ConcurrentHashMap<>();

  AnchorStore(PortalProperties portal, AuditKey key, Clock clock) {
    this.directory = portal.dataDir().resolve(DIRECTORY);
    this.key = key;
    this.clock = clock;
  }

  /** An organization's anchor as found on disk. */
  sealed interface Reading {
    record Missing() implements Reading {}

    record Tampered(String why) implements Reading {}

    record OtherKey(String keyId) implements Reading {}

    record Valid(long seq, String hash, Instant writtenAt) implements Reading {}
  }

  Path pathOf(long organizationId) {
    return directory.resolve(organizationId + ".anchor");
  }

  /** Records (seq, hash) as the organization's head unless an equal or later head is anchored already. */
  void advance(long organizationId, long seq, String hash) {
    synchronized (locks.computeIfAbsent(organizationId, id -> new Object())) {
      long current = anchoredSeq.computeIfAbsent(organizationId,
          id -> read(id) instanceof Reading.Valid valid ? valid.seq() : 0L);
      if (seq <= current) {
        return;
      }
      try {
        write(organizationId, seq, hash);
        anchoredSeq.put(organizationId, seq);
      } catch (IOException e) {
        // The rows are committed; the next commit anchors a later head that covers them too.
        log.error("Could not write the audit anchor of organization {} at seq {}: {}", organizationId, seq,
            e.toString());
      }
    }
  }

  Reading read(long organizationId) {
    Path file = pathOf(organizationId);
    if (!Files.exists(file)) {
      return new Reading.Missing();
    }
    try {
      return parse(organizationId, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return new Reading.Tampered("the anchor file cannot be read: " + e.getMessage());
    }
  }

  private Reading parse(long organizationId, String text) {
    int at = text.lastIndexOf("signature=");
    if (!text.startsWith(HEADER + "\n") || at < 0) {
      return new Reading.Tampered("the anchor file is not in the expected format");
    }
    String body = text.substring(0, at);
    var fields = new HashMap<String, String>();
    for (String line : body.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (!key.id().equals(fields.get("key-id"))) {
      return new Reading.OtherKey(fields.get("key-id"));
    }
    if (!key.signatureMatches(body, text.substring(at + "signature=".length()))) {
      return new Reading.Tampered("the anchor file's signature does not match its content");
    }
    if (!Long.toString(organizationId).equals(fields.get("organization"))) {
      return new Reading.Tampered("the anchor file belongs to organization " + fields.get("organization"));
    }
    return new Reading.Valid(Long.parseLong(fields.get("seq")), fields.get("hash"),
        Instant.parse(fields.get("written-at")));
  }

  private void write(long organizationId, long seq, String hash) throws IOException {
    String body = HEADER + "\n"
        + "organization=" + organizationId + "\n"
        + "seq=" + seq + "\n"
        + "hash=" + hash + "\n"
        + "key-id=" + key.id() + "\n"
        + "written-at=" + clock.instant() + "\n";
    String text = body + "signature=" + key.sign(body) + "\n";
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, organizationId + "-", ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, pathOf(organizationId), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
