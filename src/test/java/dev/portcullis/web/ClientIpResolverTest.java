package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpResolverTest {

    private static MockHttpServletRequest from(String peer, String... headerPairs) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.addHeader(headerPairs[i], headerPairs[i + 1]);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesForwardedHeadersAreIgnored_LOG6() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpProperties(List.of()));
        assertThat(resolver.resolve(from("203.0.113.9", "X-Forwarded-For", "1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void untrustedPeerCannotChooseItsIp_LOG6() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpProperties(List.of("10.0.0.0/8")));
        assertThat(resolver.resolve(from("198.51.100.7", "X-Forwarded-For", "1.2.3.4"))).isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedForIsReadFromTheRight_LOG6() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpProperties(List.of("10.0.0.0/8", "192.0.2.1")));
        // The client sent a forged "6.6.6.6"; the proxies appended the real client and themselves.
        MockHttpServletRequest request = from("10.0.0.2", "X-Forwarded-For", "6.6.6.6, 203.0.113.50, 192.0.2.1");
        assertThat(resolver.resolve(request)).isEqualTo("203.0.113.50");
    }

    @Test
    void forwardedHeaderWithIpv6AndPortsIsParsed_LOG6() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpProperties(List.of("10.0.0.0/8")));
        MockHttpServletRequest request = from("10.1.1.1", "Forwarded",
                "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.2.2.2:8080");
        assertThat(resolver.resolve(request)).isEqualTo("2001:db8:cafe::17");
    }

    @Test
    void garbageInTheChainStopsTheWalk_LOG6() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpProperties(List.of("10.0.0.0/8")));
        MockHttpServletRequest request = from("10.0.0.2", "X-Forwarded-For", "1.2.3.4, evil.example.com, 10.0.0.3");
        assertThat(resolver.resolve(request)).isEqualTo("10.0.0.3");
    }

    @Test
    void hostNamesInConfigurationAreRefused_LOG6() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ClientIpProperties(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTrustedProxiesMayClaimHttps_OPS6() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpProperties(List.of("10.0.0.0/8")));
        assertThat(resolver.forwardedOverHttps(from("10.0.0.2", "X-Forwarded-Proto", "https"))).isTrue();
        assertThat(resolver.forwardedOverHttps(from("198.51.100.7", "X-Forwarded-Proto", "https"))).isFalse();
        assertThat(resolver.forwardedOverHttps(from("10.0.0.2", "Forwarded", "for=1.2.3.4;proto=http"))).isFalse();
    }
}
