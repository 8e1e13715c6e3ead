package io.capgate.portal.approvals;

public enum Decision {
  APPROVE, REJECT
}
