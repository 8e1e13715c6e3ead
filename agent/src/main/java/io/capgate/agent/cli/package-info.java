/**
 * The {@code capgate} command line: {@code trace}, {@code build}, {@code run}, {@code interactive}, {@code diff},
 * {@code check} and {@code demo}, on picocli.
 *
 * <p>Verbs that supervise a process call only {@link io.capgate.agent.supervise.Supervisor}, which
 * {@link io.capgate.agent.cli.CapgateCli} takes from a factory so the verbs can be tested without root. Expected
 * errors print {@code capgate: message} (or {@code file:line:col: message} per problem) on stderr and map to
 * sysexits codes; see {@link io.capgate.agent.cli.ExitCodes}.
 */
package io.capgate.agent.cli;
