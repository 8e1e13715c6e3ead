package io.capgate.portal.localagent;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The first-run local agent ({@code capgate.local-agent.*}).
 *
 * @param enabled         prepare the sample and the local agent's token; {@code scripts/run.sh} turns it on only
 *                        when it can start an agent (root, bpftrace)
 * @param project         the sample project's name
 * @param service         the sample service's name
 * @param python          the interpreter the sample runs on (the agent matches processes by this executable)
 * @param arguments       the regex that tells the sample's processes from other Python processes
 * @param tokenValidity   how long the token in the data folder can be used
 * @param assignEvery     how often to look for the enrolled local agent until the sample is assigned
 */
@Validated
@ConfigurationProperties("capgate.local-agent")
record LocalAgentProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("Sample") @NotBlank String project,
    @DefaultValue("fastapi-demo") @NotBlank String service,
    @DefaultValue("/usr/bin/python3.11") @NotBlank String python,
    @DefaultValue("uvicorn app\\.main:app") @NotBlank String arguments,
    @DefaultValue("1h") Duration tokenValidity,
    @DefaultValue("2s") Duration assignEvery) {}
