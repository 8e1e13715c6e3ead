package io.capgate.portal.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code capgate.security.login-throttle.*}: how many failed sign-ins a username and a client
 * address get per window before further attempts are refused without checking the password.
 * Attempts come back gradually: one per {@code window / failures}.
 *
 * @param failuresPerUsername failed sign-ins per username and window, whatever the client
 * @param failuresPerClient failed sign-ins per client address and window, whatever the username
 * @param window how long a full set of attempts takes to come back
 * @param maxTrackedKeys usernames (and, separately, addresses) remembered at once; beyond it new
 *     ones are refused until old entries have recovered, so a flood of names cannot exhaust memory
 */
@Validated
@ConfigurationProperties("capgate.security.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("5") @Min(1) @Max(1000) int failuresPerUsername,
    @DefaultValue("20") @Min(1) @Max(10000) int failuresPerClient,
    @DefaultValue("5m") @NotNull Duration window,
    @DefaultValue("100000") @Min(10) int maxTrackedKeys) {}
