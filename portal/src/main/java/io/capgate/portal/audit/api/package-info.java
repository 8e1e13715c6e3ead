/** {@code /api/v1/audit}: the audit log's pages and its chain verification over HTTP, errors as RFC 9457 problems. */
package io.capgate.portal.audit.api;
