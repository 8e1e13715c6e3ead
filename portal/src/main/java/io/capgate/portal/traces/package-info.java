/**
 * What supervised services did: aggregated observations and the agents' drop reports, read through
 * {@link io.capgate.portal.traces.Observations}. Feeds the trace review and the diff against the active manifest.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security"})
package io.capgate.portal.traces;
