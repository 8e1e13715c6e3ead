/**
 * Violations agents reported, one by one with their Python stack: read them page by page through
 * {@link io.capgate.portal.violations.Violations}. The ingestion feature stores them and publishes
 * {@link io.capgate.portal.violations.ViolationReceived} after each commit, which
 * {@link io.capgate.portal.violations.ViolationFeed} fans out to the open live views of the same organization.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security", "projects", "services"})
package io.capgate.portal.violations;
