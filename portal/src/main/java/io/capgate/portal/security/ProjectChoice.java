package io.capgate.portal.security;

/** A project of the caller's organization that a role can be granted on. */
public record ProjectChoice(long id, String name) {}
