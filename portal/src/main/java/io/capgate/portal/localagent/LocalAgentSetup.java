package io.capgate.portal.localagent;

import io.capgate.portal.agents.Agent;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.base.PortalProperties;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceForm;
import io.capgate.portal.services.ServiceRegistry;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Prepares the first-run loop once the portal is up: the sample project and service, a token for the local agent
 * in the data folder (only while no agent of the sample project is enrolled), and then, every few seconds until
 * it is done, the assignment of the sample service to the enrolled local agent in OBSERVE mode.
 */
@Component
@EnableConfigurationProperties(LocalAgentProperties.class)
class LocalAgentSetup {

  private static final Logger log = LoggerFactory.getLogger(LocalAgentSetup.class);

  private final LocalAgentProperties properties;
  private final LocalAccount accounts;
  private final ServiceRegistry services;
  private final EnrollmentTokens tokens;
  private final AgentRegistry agents;
  private final SampleAssigner assigner;
  private final TaskScheduler scheduler;
  private final TokenFile tokenFile;
  private final Clock clock;
  private volatile ScheduledFuture<?> assigning;

  LocalAgentSetup(LocalAgentProperties properties, PortalProperties portal, LocalAccount accounts,
      ServiceRegistry services, EnrollmentTokens tokens, AgentRegistry agents, SampleAssigner assigner,
      TaskScheduler scheduler, Clock clock) {
    this.properties = properties;
    this.accounts = accounts;
    this.services = services;
    this.tokens = tokens;
    this.agents = agents;
    this.assigner = assigner;
    this.scheduler = scheduler;
    this.tokenFile = new TokenFile(portal.dataDir());
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void prepare() {
    if (!properties.enabled()) {
      return;
    }
    var setup = accounts.ensure(properties.project()).orElse(null);
    if (setup == null) {
      log.warn("Local agent: no organization yet, nothing prepared");
      return;
    }
    RegisteredService sample = RunAs.account(setup.account(), () -> sampleService(setup.projectId()));
    RunAs.account(setup.account(), () -> {
      offerToken(setup.projectId());
      return null;
    });
    assigning = scheduler.scheduleWithFixedDelay(() -> assignOnce(setup, sample), properties.assignEvery());
  }

  private RegisteredService sampleService(long projectId) {
    return services.list(projectId).stream().filter(s -> s.name().equals(properties.service())).findFirst()
        .orElseGet(() -> services.register(projectId, new ServiceForm(properties.service(),
            "Capgate's sample FastAPI app (examples/fastapi-demo), started by scripts/run.sh", null,
            "local-agent", "cpython-3.11", properties.python(), properties.arguments(), null)));
  }

  /** A token only while the sample project has no usable agent and no fresh token waits in the data folder. */
  private void offerToken(long projectId) {
    boolean enrolled = agents.list(projectId).stream().anyMatch(a -> a.status() != AgentStatus.REVOKED);
    if (enrolled || tokenFile.fresh(clock.instant(), properties.tokenValidity())) {
      return;
    }
    var created = tokens.create(projectId, "local agent started by scripts/run.sh", properties.tokenValidity());
    tokenFile.write(created.value());
    log.info("Local agent: enrollment token written to {} (owner-only)", tokenFile.path());
  }

  private void assignOnce(LocalAccount.Setup setup, RegisteredService sample) {
    try {
      boolean done = RunAs.account(setup.account(), () -> {
        for (Agent agent : agents.list(setup.projectId())) {
          if (agent.status() != AgentStatus.REVOKED && assigner.assignIfMissing(agent.id(), sample.id())) {
            log.info("Local agent: {} observes {} on agent {}", properties.service(), agent.hostName(),
                agent.id());
          }
        }
        return assigner.assignedAnywhere(sample.id());
      });
      if (done && assigning != null) {
        assigning.cancel(false);
      }
    } catch (RuntimeException e) {
      log.warn("Local agent: assigning {} failed, retrying: {}", properties.service(), e.getMessage());
    }
  }
}
