package io.capgate.portal.manifests;

import io.capgate.portal.security.CapgateUser;
import org.springframework.security.access.AccessDeniedException;

/**
 * The four-eyes rule: whoever wrote a version never approves or rejects it, whatever roles they
 * hold. Checked by the approvals feature, by {@link ManifestLifecycle} and by a database trigger on
 * {@code approval_decisions}, so no single mistake lets an author decide on their own change.
 */
public final class FourEyes {

  private FourEyes() {}

  /** Fails when the reviewer wrote the version. */
  public static void requireNotAuthor(ManifestVersion version, CapgateUser reviewer) {
    requireNotAuthor(version.authorId(), version.version(), version.serviceName(), reviewer);
  }

  /** Fails when the reviewer is the author of {@code version} of {@code serviceName}. */
  public static void requireNotAuthor(long authorId, int version, String serviceName, CapgateUser reviewer) {
    if (authorId == reviewer.id()) {
      throw new AccessDeniedException("Four eyes: you wrote version " + version + " of " + serviceName
          + ", so another reviewer must approve or reject it");
    }
  }
}
