package io.capgate.portal.ingest;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling for {@link PartitionMaintainer}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IngestConfiguration {}
