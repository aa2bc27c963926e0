package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.IntegrityException;
import io.stowage.MalformedResponseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one {@code Content-Range} parser of the network backends, on examples; {@link ContentRangePropertiesTest} checks it against a model. */
class ContentRangeTest {
    private static final String S3_ANSWER = "S3 answered a read of s3://images/glance/abc";
    private static final String HTTP_ANSWER = "http://127.0.0.1:8080/a answered 206";

    @Test
    void parsesContentRangeCutsAnEchoedLastByteAtTheEndAndRefusesMalformedOnes() throws Exception {
        assertThat(ContentRange.parse("bytes 10-19/100", S3_ANSWER)).contains(new ContentRange(10, 19, OptionalLong.of(100)));
        assertThat(ContentRange.parse("bytes 1-9223372036854775807/1000", S3_ANSWER))
                .contains(new ContentRange(1, 999, OptionalLong.of(1000)));
        assertThat(ContentRange.parse(null, S3_ANSWER)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> ContentRange.parse("bytes */100", S3_ANSWER))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage("S3 answered a read of s3://images/glance/abc with an unreadable Content-Range: \"bytes */100\"");
        assertThatThrownBy(() -> ContentRange.parse("bytes 20-10/100", S3_ANSWER))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage("S3 answered a read of s3://images/glance/abc with an inconsistent Content-Range:"
                        + " \"bytes 20-10/100\"");
        assertThatThrownBy(() -> ContentRange.parse("bytes 0-99999999999999999999/100", S3_ANSWER))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void anUnknownTotalIsEmptyAndTheLengthCountsBothEnds() throws Exception {
        ContentRange range = ContentRange.parse("bytes 70000-199999/*", HTTP_ANSWER).orElseThrow();

        assertThat(range).isEqualTo(new ContentRange(70_000, 199_999, OptionalLong.empty()));
        assertThat(range.length()).isEqualTo(130_000);
    }

    @Test
    void theUnitIsCaseInsensitiveAndSurroundingSpaceIsIgnored() throws Exception {
        assertThat(ContentRange.parse("  Bytes 0-0/1 ", HTTP_ANSWER)).contains(new ContentRange(0, 0, OptionalLong.of(1)));
        assertThat(ContentRange.parseUnsatisfied("BYTES */0", HTTP_ANSWER)).hasValue(0);
    }

    @Test
    void noByteOfAnEmptyObjectCanBeSent() {
        assertThatThrownBy(() -> ContentRange.parse("bytes 0-0/0", HTTP_ANSWER))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage(HTTP_ANSWER + " with an inconsistent Content-Range: \"bytes 0-0/0\"");
        assertThatThrownBy(() -> ContentRange.parse("bytes 100-200/50", HTTP_ANSWER))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage(HTTP_ANSWER + " with an inconsistent Content-Range: \"bytes 100-200/50\"");
    }

    @Test
    void aLastByteNoLongCanHoldIsInconsistent() {
        assertThatThrownBy(() -> ContentRange.parse("bytes 0-9223372036854775807/*", HTTP_ANSWER))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage(HTTP_ANSWER + " with an inconsistent Content-Range: \"bytes 0-9223372036854775807/*\"");
    }

    @Test
    void headersOutsideTheGrammarAreUnreadable() {
        for (String header : new String[] {"", "bytes", "bytes 1-2", "bytes 1-2/", "bytes -2/10", "bytes 1-/10",
                "bytes  1-2/10", "bytes=1-2/10", "items 1-2/10", "bytes 1 - 2/10", "bytes 1-2/10/10", "bytes +1-2/10",
                "bytes 0x1-2/10", "bytes 1-2/-10", "bytes 1-2/**", "bytes 1-2/10, 3-4/10", "bytes 00000000000000000001-2/10",
                "bytes 1-2/99999999999999999999"}) {
            assertThatThrownBy(() -> ContentRange.parse(header, HTTP_ANSWER)).as(header)
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageStartingWith(HTTP_ANSWER + " with an unreadable Content-Range: ");
        }
    }

    @Test
    void aMalformedHeaderIsAnIntegrityErrorThatQuotesWhatTheServerSentSafely() {
        String hostile = "bytes 1-2/3\u001b[2J" + "x".repeat(500);

        assertThatThrownBy(() -> ContentRange.parse(hostile, HTTP_ANSWER)).isInstanceOf(IntegrityException.class)
                .hasMessage(HTTP_ANSWER + " with an unreadable Content-Range: \"bytes 1-2/3\\x1b[2J" + "x".repeat(105)
                        + "...(515 chars)\"");
    }

    @Test
    void aFourHundredSixteenNamesTheSizeOfTheObject() throws Exception {
        String answer = "http://127.0.0.1:8080/a answered 416";

        assertThat(ContentRange.parseUnsatisfied("bytes */200000", answer)).hasValue(200_000);
        assertThat(ContentRange.parseUnsatisfied(null, answer)).isEmpty();
        assertThatThrownBy(() -> ContentRange.parseUnsatisfied("bytes 0-1/2", answer))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage(answer + " with an unreadable Content-Range: \"bytes 0-1/2\"");
        assertThatThrownBy(() -> ContentRange.parseUnsatisfied("bytes */99999999999999999999", answer))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessage(answer + " with an unreadable Content-Range: \"bytes */99999999999999999999\"");
    }

    @Test
    void theRecordRefusesRangesThatNameNoByte() {
        assertThatThrownBy(() -> new ContentRange(-1, 0, OptionalLong.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentRange(5, 4, OptionalLong.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentRange(0, 9, OptionalLong.of(9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Inconsistent content range 0-9/9");
        assertThatThrownBy(() -> new ContentRange(0, Long.MAX_VALUE, OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
