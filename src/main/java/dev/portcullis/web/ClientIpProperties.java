package dev.portcullis.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LOG-6.
 *
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose X-Forwarded-For /
 *        Forwarded headers are believed. Empty (the default): the socket address is the client.
 */
@ConfigurationProperties("portcullis")
record ClientIpProperties(@DefaultValue("") List<String> trustedProxies) {

    ClientIpProperties {
        trustedProxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        trustedProxies.forEach(IpNetworks::validate);
    }
}
