/**
 * Ingestion of agent data: {@code IngestSink} is the gateway's {@link io.capgate.portal.gateway.AgentMessageSink}.
 * It buffers a session's observation batches, violations and drop reports while the previous batch is being
 * stored (group commit), stores each batch in one transaction (binary COPY into the month-partitioned tables plus
 * the agent's sequence high-water mark) and acknowledges cumulatively. {@code PartitionMaintainer} keeps upcoming months created and drops those past
 * the retention.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "gateway", "agents", "violations"})
package io.capgate.portal.ingest;
