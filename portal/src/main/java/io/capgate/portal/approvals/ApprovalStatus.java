package io.capgate.portal.approvals;

public enum ApprovalStatus {
  OPEN, APPROVED, REJECTED, WITHDRAWN
}
