package io.stowage.s3;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;

/**
 * The S3 server's time, from the Date header of one of its answers: what upload ages are
 * measured against, so that the local clock need not agree with the server's. The header is cut
 * to whole seconds, so the time read is at most a second early.
 */
final class ServerClock {
    private ServerClock() {}

    /** The time the server answered {@code response}; empty when it sent no readable Date. */
    static Optional<Instant> of(SdkResponse response) {
        return response.sdkHttpResponse().firstMatchingHeader("Date").flatMap(ServerClock::parse);
    }

    private static Optional<Instant> parse(String header) {
        try {
            return Optional.of(ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
