package io.capgate.portal.approvals;

import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;

/**
 * A fresh organization with one project and service: a developer who writes manifests, three
 * reviewers, an owner and an auditor. Each test builds its own, so tests share no rows.
 */
record Team(long org, long project, long service, CapgateUser developer, CapgateUser reviewer,
    CapgateUser secondReviewer, CapgateUser thirdReviewer, CapgateUser owner, CapgateUser auditor) {

  static Team of(Fixtures fixtures, int requiredApprovals, boolean separateActivation) {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org, requiredApprovals, separateActivation);
    long service = fixtures.aService(project);
    return new Team(org, project, service, member(fixtures, org, project, Role.DEVELOPER),
        member(fixtures, org, project, Role.REVIEWER), member(fixtures, org, project, Role.REVIEWER),
        member(fixtures, org, project, Role.REVIEWER), member(fixtures, org, project, Role.PROJECT_OWNER),
        fixtures.aUser(org, Role.AUDITOR));
  }

  static CapgateUser member(Fixtures fixtures, long org, long project, Role... roles) {
    var user = fixtures.aUser(org);
    for (Role role : roles) {
      fixtures.grant(user, project, role);
    }
    return user;
  }
}
