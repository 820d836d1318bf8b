package dev.portcullis.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * HTTP edge settings.
 *
 * @param maxRequestBody largest request body accepted; larger ones get 413 before any parsing.
 * @param metricsAllowedNetworks client networks (CIDR) that may read /actuator/prometheus.
 */
@Validated
@ConfigurationProperties("portcullis.web")
record WebProperties(
        @DefaultValue("64KB") @NotNull DataSize maxRequestBody,
        @DefaultValue({"127.0.0.1/32", "::1/128"}) @NotNull List<String> metricsAllowedNetworks) {

    WebProperties {
        if (maxRequestBody.toBytes() < 1024) {
            throw new IllegalArgumentException("portcullis.web.max-request-body must be at least 1KB");
        }
        metricsAllowedNetworks = List.copyOf(metricsAllowedNetworks);
        metricsAllowedNetworks.forEach(IpNetworks::validate);
    }
}
