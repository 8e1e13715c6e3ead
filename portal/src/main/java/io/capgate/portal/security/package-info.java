/**
 * Who the caller is and what they may do: users and their organization, role grants per
 * organization and project, password hashing and login throttling, API tokens, and the
 * {@link io.capgate.portal.security.Access} checks every feature service runs before it acts.
 * Views (login, change password, users and roles, API tokens) live in {@code security.ui}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "audit"})
package io.capgate.portal.security;
