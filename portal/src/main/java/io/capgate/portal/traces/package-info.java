/**
 * What supervised services did: aggregated observations and the agents' drop reports, read through
 * {@link io.capgate.portal.traces.Observations}, and the trace review built on them,
 * {@link io.capgate.portal.traces.TraceReview}: observed behaviour per module, its gap to the active manifest both
 * ways, and "turn into draft", which builds a manifest with the CLI's rules and creates a DRAFT version through the
 * manifests API. The review page lives in {@code traces.ui}.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"base", "security", "audit", "projects", "services", "manifests"})
package io.capgate.portal.traces;
