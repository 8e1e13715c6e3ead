/**
 * Registered Python services: what they are, who owns them, the interpreter they run on and how
 * agents recognise their processes.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security", "audit", "projects"})
package io.capgate.portal.services;
