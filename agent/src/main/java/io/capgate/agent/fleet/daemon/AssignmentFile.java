package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ServiceAssignment;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The last applied assignments on disk, so enforcement resumes at start without the portal. One file,
 * {@value #NAME}, in the agent's root-only state directory, replaced atomically (a crash leaves the old or the new):
 * <pre>
 *   8 bytes   "CGASSIGN"
 *   1 byte    format version, 1
 *   32 bytes  SHA-256 of the frame
 *   rest      the ASSIGNMENTS frame (header and body, as the shared encoder writes it) of the services in force,
 *             with their signed manifest bytes, signatures, modes and matchers
 * </pre>
 * The manifests are protected by the portal's signatures, which are verified again at every load (with the keys
 * stored at enrollment then). Modes and matchers are not signed by the portal: they are protected by the directory's
 * permissions, and the digest refuses a file that was damaged or edited by hand.
 */
public final class AssignmentFile {

    /** The file's name in the state directory. */
    public static final String NAME = "assignments";

    private static final byte[] MAGIC = "CGASSIGN".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    private static final int HEADER = MAGIC.length + 1 + DIGEST_BYTES;

    private final StateDirectory dir;

    public AssignmentFile(StateDirectory dir) {
        this.dir = dir;
    }

    /** Where the file is, for messages. */
    public String location() {
        return dir.path().resolve(NAME).toString();
    }

    /** Replaces the file with {@code assignments} (request id ignored). */
    public void save(Assignments assignments) throws IOException {
        byte[] frame = encode(assignments);
        ByteBuffer out = ByteBuffer.allocate(HEADER + frame.length);
        out.put(MAGIC).put((byte) VERSION).put(sha256(frame)).put(frame);
        dir.write(NAME, out.array());
    }

    /**
     * The persisted assignments, empty when none were saved yet.
     *
     * @throws AssignmentFileException when the file was damaged or changed outside the agent
     * @throws IOException             when it cannot be read or is unsafe (permissions, owner)
     */
    public Optional<Assignments> load() throws IOException {
        Optional<byte[]> stored = dir.read(NAME);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = stored.get();
        if (bytes.length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw refused("it is not an assignments file of this agent");
        }
        if (bytes[MAGIC.length] != VERSION) {
            throw refused("its format version " + bytes[MAGIC.length] + " is not " + VERSION);
        }
        byte[] frame = Arrays.copyOfRange(bytes, HEADER, bytes.length);
        if (!MessageDigest.isEqual(sha256(frame), Arrays.copyOfRange(bytes, MAGIC.length + 1, HEADER))) {
            throw refused("its content does not match its digest: it was damaged or changed outside the agent",
                    namedServices(frame));
        }
        AgentMessage decoded;
        try {
            decoded = MessageDecoder.decode(Unpooled.wrappedBuffer(frame));
        } catch (RuntimeException e) {
            throw refused("its frame cannot be decoded (" + e.getMessage() + ")");
        }
        if (!(decoded instanceof Assignments assignments)) {
            throw refused("it holds a " + decoded.type() + ", not ASSIGNMENTS");
        }
        return Optional.of(assignments);
    }

    private AssignmentFileException refused(String why) {
        return refused(why, List.of());
    }

    /** The service ids a refused frame names, if it still decodes: only to say which services lost their policy. */
    private static List<String> namedServices(byte[] frame) {
        try {
            return MessageDecoder.decode(Unpooled.wrappedBuffer(frame)) instanceof Assignments a
                    ? a.services().stream().map(ServiceAssignment::serviceId).toList() : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private AssignmentFileException refused(String why, List<String> services) {
        return new AssignmentFileException("refusing the persisted assignments in " + location() + ": " + why
                + "; nothing is enforced until the portal sends assignments again (delete the file to silence this)", services);
    }

    private static byte[] encode(Assignments assignments) {
        EmbeddedChannel channel = new EmbeddedChannel(new MessageEncoder());
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
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
