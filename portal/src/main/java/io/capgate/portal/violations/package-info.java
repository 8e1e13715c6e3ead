/**
 * Violations agents reported, one by one with their Python stack: read them page by page through
 * {@link io.capgate.portal.violations.Violations}. The ingestion feature stores them and publishes
 * {@link io.capgate.portal.violations.ViolationReceived} after each commit.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security"})
package io.capgate.portal.violations;
