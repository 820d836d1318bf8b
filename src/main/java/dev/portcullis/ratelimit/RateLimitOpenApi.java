package dev.portcullis.ratelimit;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * OPS-7: the OpenAPI document tells clients that every API operation may answer 429
 * {@code rate_limited} (anonymous routes by their policy, authenticated ones by the user's quota),
 * and with which headers.
 */
@Component
class RateLimitOpenApi implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(operation -> operation.getResponses().addApiResponse("429", tooMany()));
            }
        });
    }

    private static ApiResponse tooMany() {
        return new ApiResponse()
                .description("rate_limited (problem+json): a rate limit or the caller's API quota is exhausted")
                .addHeaderObject("Retry-After", new Header().description("Seconds until a request is allowed again")
                        .schema(new IntegerSchema()))
                .addHeaderObject(RateLimitHeaders.POLICY, new Header()
                        .description("Every limit of the policy, e.g. \"login.ip+account.15m\";q=5;w=900")
                        .schema(new StringSchema()))
                .addHeaderObject(RateLimitHeaders.LIMIT, new Header()
                        .description("The limit with the least left, e.g. \"login.ip+account.15m\";r=0;t=180")
                        .schema(new StringSchema()));
    }
}
