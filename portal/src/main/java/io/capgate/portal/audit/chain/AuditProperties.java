package io.capgate.portal.audit.chain;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code capgate.audit.*}.
 *
 * @param key the audit key, base64 of at least 32 random bytes (env {@code CAPGATE_AUDIT_KEY}); when
 *     unset the portal creates {@code audit.key} in its data folder on first start. Never logged.
 * @param checkpointInterval a signed checkpoint row is written every this many rows per organization
 */
@ConfigurationProperties("capgate.audit")
@Validated
record AuditProperties(String key, @DefaultValue("1000") @Min(1) int checkpointInterval) {

  @Override
  public String toString() {
    // Records print every component; the key must never reach a log or an error page.
    return "AuditProperties[key=" + (key == null || key.isBlank() ? "unset" : "(hidden)")
        + ", checkpointInterval=" + checkpointInterval + "]";
  }
}
