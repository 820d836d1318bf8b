package dev.portcullis.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
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
                .addServersItem(new Server().url(urls.issuer()));
    }
}
