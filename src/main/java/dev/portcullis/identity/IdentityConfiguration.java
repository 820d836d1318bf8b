package dev.portcullis.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the identity module that need more than a constructor. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    /** Loaded once at startup: a missing or unreadable list stops the application. */
    @Bean
    CommonPasswords commonPasswords() {
        long start = System.nanoTime();
        CommonPasswords list = CommonPasswords.load(CommonPasswords.class.getClassLoader());
        log.info("Loaded {} common passwords ({} distinct ignoring case) in {} ms into a {} KiB table",
                list.sourceLines(), list.size(), (System.nanoTime() - start) / 1_000_000, list.tableBytes() / 1024);
        return list;
    }
}
