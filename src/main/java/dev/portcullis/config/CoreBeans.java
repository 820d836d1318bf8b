package dev.portcullis.config;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.portcullis.shared.SecretTokens;

/** STYLE 9: time from one injected Clock, randomness from one SecureRandom, so tests control both. */
@Configuration(proxyBeanMethods = false)
class CoreBeans {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        // The platform default (NativePRNG on Linux) never blocks and is seeded by the kernel.
        return new SecureRandom();
    }

    @Bean
    SecretTokens secretTokens(SecureRandom random) {
        return new SecretTokens(random);
    }
}
