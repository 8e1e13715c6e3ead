/** Projects group the services of a team and carry the approval policy for their manifests. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security", "audit"})
package io.capgate.portal.projects;
