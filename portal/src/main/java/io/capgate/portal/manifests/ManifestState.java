package io.capgate.portal.manifests;

/**
 * Where a manifest version stands. DRAFT is the only state whose content may change;
 * IN_REVIEW → APPROVED → ACTIVE (at once, or by a separate activation when the project asks),
 * IN_REVIEW → REJECTED, ACTIVE → SUPERSEDED when another version becomes active.
 */
public enum ManifestState {
  DRAFT, IN_REVIEW, APPROVED, ACTIVE, REJECTED, SUPERSEDED
}
