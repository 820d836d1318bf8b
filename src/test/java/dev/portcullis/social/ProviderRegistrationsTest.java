package dev.portcullis.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

import dev.portcullis.config.TestPortcullisConfig;

/** OAU-1: which registrations are accepted, and the redirect URI and scopes they get. */
class ProviderRegistrationsTest {

    private static ProviderRegistrations of(ClientRegistration... registrations) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("registrations", new InMemoryClientRegistrationRepository(registrations));
        return new ProviderRegistrations(beans.getBeanProvider(ClientRegistrationRepository.class),
                TestPortcullisConfig.publicUrls("https://auth.example.com/"));
    }

    @Test
    void googleAndGithubGetTheIssuersRedirectUriAndTheEmailScopes_OAU1_OAU2() {
        ProviderRegistrations providers = of(
                CommonOAuth2Provider.GOOGLE.getBuilder("google").clientId("g").clientSecret("s").scope("openid").build(),
                CommonOAuth2Provider.GITHUB.getBuilder("github").clientId("h").clientSecret("s").build());

        ClientRegistration google = providers.find("google").orElseThrow();
        assertThat(google.getRedirectUri()).isEqualTo("https://auth.example.com/api/v1/auth/oauth/google/callback");
        assertThat(google.getScopes()).contains("openid", "email");
        assertThat(ProviderRegistrations.kind(google)).isEqualTo(ProviderRegistrations.Kind.OIDC);
        assertThat(ProviderRegistrations.issuer(google)).isEqualTo("https://accounts.google.com");
        ClientRegistration github = providers.find("github").orElseThrow();
        assertThat(github.getScopes()).contains("read:user", "user:email");
        assertThat(ProviderRegistrations.issuer(github)).isEqualTo("https://github.com");
        assertThat(providers.find("facebook")).isEmpty();
    }

    @Test
    void noProviderIsOnUnlessConfigured_OAU1() {
        assertThat(new ProviderRegistrations(new StaticListableBeanFactory().getBeanProvider(
                ClientRegistrationRepository.class), TestPortcullisConfig.publicUrls("https://auth.example.com")).ids())
                .isEmpty();
    }

    @Test
    void aPlainOAuth2ProviderOtherThanGithubStopsStartup_OAU3() {
        ClientRegistration plain = CommonOAuth2Provider.FACEBOOK.getBuilder("facebook").clientId("f").clientSecret("s")
                .build();
        assertThatThrownBy(() -> of(plain)).hasMessageContaining("registration.facebook")
                .hasMessageContaining("verified email");
    }

    @Test
    void anOidcProviderWithoutIssuerStopsStartup_OAU3() {
        ClientRegistration noIssuer = CommonOAuth2Provider.GOOGLE.getBuilder("acme").clientId("a").clientSecret("s")
                .issuerUri(null).build();
        assertThatThrownBy(() -> of(noIssuer)).hasMessageContaining("provider.acme.issuer-uri");
    }
}
