/**
 * Helpers of the overhead benchmark ({@code scripts/bench.sh}); not part of the CLI.
 */
package io.capgate.agent.bench;
