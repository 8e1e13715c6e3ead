package io.capgate.portal.base.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/v1} (served at {@code /api/v1/openapi}, Swagger UI at
 * {@code /api/v1/docs}): every operation needs a bearer API token created in the portal's UI.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  /** Name of the security scheme operations refer to. */
  static final String BEARER = "apiToken";

  @Bean
  OpenAPI capgateOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title("Capgate portal API")
            .version("v1")
            .description("Upload capability manifests for review and read the active manifest of a service. "
                + "Errors are RFC 9457 problem details (application/problem+json)."))
        .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("cg_<public id>_<secret>")
            .description("A personal API token from the portal's \"API tokens\" page. It acts with its "
                + "owner's roles; revoked or expired tokens and tokens of disabled users get 401.")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
