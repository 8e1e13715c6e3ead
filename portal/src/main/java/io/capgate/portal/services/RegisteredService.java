package io.capgate.portal.services;

import java.time.Instant;

/**
 * A Python service registered in a project.
 *
 * @param matchExecutable absolute path of the executable agents look for (or null with a unit)
 * @param matchArguments Java regex its command line must match (optional)
 * @param systemdUnit the systemd unit whose processes belong to the service (or null)
 */
public record RegisteredService(long id, long projectId, long organizationId, String name, String description,
    String repositoryUrl, String owner, String interpreter, String matchExecutable, String matchArguments,
    String systemdUnit, Instant createdAt) {}
