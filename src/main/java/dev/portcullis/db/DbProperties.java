package dev.portcullis.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OPS-2 database settings.
 *
 * @param allowSchemaDrift start even when the database does not match this version's migrations
 *        (changed or unknown applied migrations, missing or unexpected tables and columns), logging a
 *        WARN that names the differences instead of failing. Default false: drift stops startup.
 */
@ConfigurationProperties("portcullis.db")
record DbProperties(@DefaultValue("false") boolean allowSchemaDrift) {
}
