package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.discovery.MatcherSpec;
import io.capgate.agent.fleet.identity.ManifestSignatureException;
import io.capgate.agent.fleet.identity.ManifestSignatureVerifier;
import io.capgate.agent.fleet.identity.VerifiedManifest;
import io.capgate.agent.fleet.supervision.Assignment;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.model.manifest.ManifestException;
import io.capgate.model.manifest.ManifestParser;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.SignedManifest;
import io.capgate.model.protocol.StatusReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one service of an ASSIGNMENTS frame into an {@link Assignment} the supervision loop may enforce: the
 * manifest's signature is checked with the portal keys stored at enrollment, the manifest must parse, the matcher
 * must be usable on this host. Anything else is a {@link Refusal} that says why, in the portal's terms.
 */
public final class AssignmentVerifier {

    private final ManifestSignatureVerifier signatures;
    private final ManifestParser parser = new ManifestParser();

    /** Creates a verifier trusting the keys of {@code signatures}. */
    public AssignmentVerifier(ManifestSignatureVerifier signatures) {
        this.signatures = signatures;
    }

    /** What became of one service assignment. */
    public sealed interface Result {

        /** The service it is about. */
        String serviceId();
    }

    /** Verified: may be enforced. */
    public record Accepted(Assignment assignment) implements Result {

        @Override
        public String serviceId() {
            return assignment.serviceId();
        }
    }

    /**
     * Refused: must not be enforced.
     *
     * @param serviceId the service
     * @param versionId the manifest version that was refused, empty when the problem is not the manifest's
     * @param reason    {@code SIGNATURE_INVALID}, {@code UNKNOWN_SIGNING_KEY}, {@code MANIFEST_INVALID} or
     *                  {@code INTERNAL} (an unusable matcher)
     * @param detail    one line for the operator
     */
    public record Refusal(String serviceId, String versionId, StatusReason reason, String detail) implements Result {

        public Refusal {
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Verifies one service assignment; never throws for bad input. */
    public Result verify(ServiceAssignment service) {
        String id = service.serviceId();
        MatcherSpec matcher;
        try {
            matcher = matcher(service.matcher());
        } catch (IllegalArgumentException e) {
            return new Refusal(id, "", StatusReason.INTERNAL, "the process matcher cannot be used on this host: "
                    + e.getMessage());
        }
        Optional<VerifiedManifest> manifest = Optional.empty();
        if (service.manifest().isPresent()) {
            SignedManifest signed = service.manifest().get();
            try {
                manifest = Optional.of(signatures.verify(signed.versionId(), signed.manifest().toArray(),
                        signed.signature().toArray(), signed.signingKeyId()));
            } catch (ManifestSignatureException e) {
                StatusReason reason = e.reason() == ManifestSignatureException.Reason.UNKNOWN_KEY
                        ? StatusReason.UNKNOWN_SIGNING_KEY : StatusReason.SIGNATURE_INVALID;
                return new Refusal(id, signed.versionId(), reason, e.getMessage());
            }
            Optional<String> problem = parseProblem(manifest.get());
            if (problem.isPresent()) {
                return new Refusal(id, signed.versionId(), StatusReason.MANIFEST_INVALID, "manifest "
                        + signed.versionId() + " is signed but cannot be used: " + problem.get());
            }
        }
        return new Accepted(new Assignment(id, matcher, mode(service.mode()), manifest));
    }

    /** The protocol's mode in the agent's terms. */
    static SupervisionMode mode(ServiceMode mode) {
        return switch (mode) {
            case OBSERVE -> SupervisionMode.OBSERVE;
            case ALERT -> SupervisionMode.ALERT;
            case STOP -> SupervisionMode.STOP;
            case KILL -> SupervisionMode.KILL;
        };
    }

    /** The protocol's matcher in the agent's terms; a path is normalized first ({@code /usr/bin/../bin/python}). */
    static MatcherSpec matcher(ProcessMatcher matcher) {
        return switch (matcher) {
            case ProcessMatcher.Executable e -> MatcherSpec.Executable.of(
                    java.nio.file.Path.of(e.path()).normalize().toString(), e.argumentRegex());
            case ProcessMatcher.SystemdUnit u -> new MatcherSpec.SystemdUnit(u.unit());
        };
    }

    private Optional<String> parseProblem(VerifiedManifest manifest) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(manifest.canonicalBytes())).toString();
        } catch (CharacterCodingException e) {
            return Optional.of("it is not UTF-8");
        }
        try {
            parser.parse(text, "manifest " + manifest.versionId());
            return Optional.empty();
        } catch (ManifestException e) {
            String first = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).toString();
            return Optional.of(e.problems().size() + " problem(s), first: " + first);
        }
    }
}
