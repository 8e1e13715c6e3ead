/**
 * What every REST controller under {@code /api} shares: errors as RFC 9457 problem details
 * ({@code application/problem+json}, never a stack trace), the request body size limit and the
 * OpenAPI description with its bearer-token scheme. Controllers live in each feature's {@code api}
 * package; this package knows none of them.
 */
package io.capgate.portal.base.api;
