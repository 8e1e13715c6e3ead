package io.capgate.portal.base;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when no {@code spring.datasource.url} is configured: then the embedded PostgreSQL runs. */
class NoExternalDataSource implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String url = context.getEnvironment().getProperty("spring.datasource.url");
    return url == null || url.isBlank();
  }
}
