package dev.portcullis.identity;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;

/**
 * PWD-2's optional zxcvbn-style estimate (nbvcxz). Created only when a minimum score is
 * configured: nbvcxz's dictionaries take several MB of heap once loaded.
 */
final class StrengthEstimator {

    private final Configuration configuration;

    StrengthEstimator() {
        this.configuration = new ConfigurationBuilder().setMaxLength(PasswordProperties.MAX_LENGTH_CEILING)
                .createConfiguration();
    }

    /** 0 (too guessable) to 4 (very unguessable), zxcvbn's scale. */
    int score(String normalizedPassword) {
        // A Nbvcxz is cheap over a shared configuration; one per call keeps this safe to use from
        // many request threads without relying on nbvcxz's internals being thread-safe.
        return new Nbvcxz(configuration).estimate(normalizedPassword).getBasicScore();
    }
}
