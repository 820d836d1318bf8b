package dev.portcullis.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import dev.portcullis.config.PublicUrls;

/** OPS-7: the OpenAPI document at /v3/api-docs describes Portcullis at its public issuer URL. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI portcullisOpenApi(PublicUrls urls) {
        return new OpenAPI()
                .info(new Info().title("Portcullis").version("v1")
                        .description("Authentication and account security. Every error is application/problem+json "
                                + "(RFC 9457) with a stable `code` and the `request_id`.")
                        .license(new License().name("Apache-2.0")))
                .addServersItem(new Server().url(urls.issuer()))
                // KEY-1: the two ways to authenticate a call; access.RouteAccessOpenApi names, per
                // operation, the schemes and the permission its @RouteAccess declares.
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An access token (JWT), or an API key pc_…"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("An API key pc_…")));
    }

    /**
     * The API speaks snake_case (spring.jackson.property-naming-strategy), but springdoc reads the
     * records with its own Jackson 2 mapper; give it the same naming so the document matches the wire.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
