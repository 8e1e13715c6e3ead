package io.capgate.portal.e2e;

import io.capgate.model.manifest.ManifestParser;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.SignedManifest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The agent's persisted assignments ({@code STATE_DIR/assignments}: "CGASSIGN", format version 1, SHA-256 of the
 * frame, the ASSIGNMENTS frame), edited the way an attacker with root on the host would: the manifest bytes are
 * changed to grant more, the portal's signature is kept (it cannot be forged), and the unkeyed digest is
 * recomputed so the file still looks intact. Only the signature check can catch that.
 */
final class PersistedAssignments {

  private static final byte[] MAGIC = "CGASSIGN".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 1 + 32;

  private PersistedAssignments() {
  }

  /**
   * Grants {@code capability} to {@code module} in the persisted manifest of {@code serviceId} and raises the
   * revision by {@code revisionBump} (so the portal's current revision looks older to the agent).
   */
  static Assignments tamper(Path stateDir, long serviceId, String module, String capability, long revisionBump)
      throws IOException {
    Path file = stateDir.resolve("assignments");
    byte[] bytes = Files.readAllBytes(file);
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length) || bytes[MAGIC.length] != 1) {
      throw new AssertionError(file + " is not a version 1 assignments file");
    }
    var stored = (Assignments) MessageDecoder.decode(Unpooled.wrappedBuffer(bytes, HEADER, bytes.length - HEADER));
    var services = stored.services().stream()
        .map(s -> s.serviceId().equals(Long.toString(serviceId)) ? widened(s, module, capability) : s).toList();
    var tampered = new Assignments(stored.requestId(), stored.revision() + revisionBump, services);
    byte[] frame = encode(tampered);
    ByteBuffer out = ByteBuffer.allocate(HEADER + frame.length);
    out.put(MAGIC).put((byte) 1).put(sha256(frame)).put(frame);
    Files.write(file, out.array());
    return tampered;
  }

  private static ServiceAssignment widened(ServiceAssignment service, String module, String capability) {
    SignedManifest signed = service.manifest().orElseThrow(() -> new AssertionError("no manifest to tamper with"));
    var manifest = new ManifestParser().parse(new String(signed.manifest().toArray(), StandardCharsets.UTF_8),
        "persisted");
    var policy = manifest.module(module);
    var capabilities = new java.util.TreeSet<>(policy.capabilities());
    capabilities.add(capability);
    var widened = manifest.withModule(module, ModulePolicy.of(capabilities, policy.syscalls(), policy.exec()));
    byte[] json = ManifestWriter.toJson(widened).getBytes(StandardCharsets.UTF_8);
    var forged = new SignedManifest(signed.versionId(), Bytes.of(json), signed.signature(), signed.signingKeyId());
    return new ServiceAssignment(service.serviceId(), service.name(), service.matcher(), service.mode(),
        java.util.Optional.of(forged));
  }

  private static byte[] encode(Assignments assignments) {
    var channel = new EmbeddedChannel(new MessageEncoder());
    try {
      channel.writeOutbound(assignments);
      ByteBuf frame = channel.readOutbound();
      try {
        return ByteBufUtil.getBytes(frame);
      } finally {
        frame.release();
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
