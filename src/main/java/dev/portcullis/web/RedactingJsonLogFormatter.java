package dev.portcullis.web;

import java.util.Map;

import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * AUD-2: one JSON object per log line — timestamp, level, logger, thread, request id, user id,
 * message and stack trace — with {@link LogRedactor} applied to every free-text value. Selected by
 * {@code logging.structured.format.console} in application.properties.
 */
public class RedactingJsonLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

    public RedactingJsonLogFormatter(ThrowableProxyConverter throwables) {
        super(members -> {
            members.add("@timestamp", event -> java.time.Instant.ofEpochMilli(event.getTimeStamp()).toString());
            members.add("level", event -> event.getLevel().toString());
            members.add("logger", ILoggingEvent::getLoggerName);
            members.add("thread", ILoggingEvent::getThreadName);
            members.add("request_id", event -> event.getMDCPropertyMap().get("request_id")).whenNotNull();
            members.add("user_id", event -> event.getMDCPropertyMap().get("user_id")).whenNotNull();
            members.add("client_ip", event -> event.getMDCPropertyMap().get("client_ip")).whenNotNull();
            members.add("message", event -> LogRedactor.redact(event.getFormattedMessage()));
            members.add("mdc", RedactingJsonLogFormatter::otherMdc).whenNotEmpty();
            members.add("stack_trace", event -> event.getThrowableProxy() == null ? null
                    : LogRedactor.redact(throwables.convert(event), LogRedactor.MAX_STACK_TRACE_LENGTH)).whenNotNull();
        }, null);
    }

    private static Map<String, String> otherMdc(ILoggingEvent event) {
        Map<String, String> mdc = new java.util.TreeMap<>();
        event.getMDCPropertyMap().forEach((k, v) -> {
            if (!k.equals("request_id") && !k.equals("user_id") && !k.equals("client_ip")) {
                mdc.put(k, LogRedactor.redact(v));
            }
        });
        return mdc;
    }

}
