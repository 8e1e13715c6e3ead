/**
 * Per-user API tokens ({@code cg_<public id>_<secret>}, stored as the SHA-256 of the secret) and
 * the bearer authentication of {@code /api/**} that makes a token's user the caller. Part of the
 * {@code security} module; the tokens page lives in {@code security.ui}.
 */
package io.capgate.portal.security.tokens;
