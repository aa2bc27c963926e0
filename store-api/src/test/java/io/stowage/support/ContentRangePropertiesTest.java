package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.MalformedResponseException;
import io.stowage.Redaction;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link ContentRange} against a model written apart from it (hand-split text, numbers as
 * {@link BigInteger}), on headers built from the grammar's pieces and near misses of each.
 */
class ContentRangePropertiesTest {
    private static final String ANSWER = "http://127.0.0.1/a answered 206";
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** What the model says a header is. */
    private sealed interface Outcome permits Parsed, Unreadable, Inconsistent {}

    private record Parsed(ContentRange range) implements Outcome {}

    private record Unreadable() implements Outcome {}

    private record Inconsistent() implements Outcome {}

    @Property
    void aTwoHundredSixAnswerIsReadAsTheModelReadsIt(@ForAll("satisfiedHeaders") String header) {
        Outcome expected = satisfiedModel(header);

        ContentRange parsed = null;
        MalformedResponseException failure = null;
        try {
            parsed = ContentRange.parse(header, ANSWER).orElseThrow();
        } catch (MalformedResponseException e) {
            failure = e;
        }

        if (expected instanceof Parsed model) {
            assertThat(failure).as(header).isNull();
            assertThat(parsed).as(header).isEqualTo(model.range());
            assertThat(parsed.length()).isEqualTo(model.range().last() - model.range().first() + 1);
        } else {
            String problem = expected instanceof Unreadable ? "unreadable" : "inconsistent";
            assertThat(failure).as(header).isNotNull()
                    .hasMessage(ANSWER + " with an " + problem + " Content-Range: " + Redaction.quote(header));
        }
    }

    @Property
    void aFourHundredSixteenAnswerIsReadAsTheModelReadsIt(@ForAll("unsatisfiedHeaders") String header) {
        Optional<BigInteger> expected = unsatisfiedModel(header);

        OptionalLong parsed = OptionalLong.empty();
        MalformedResponseException failure = null;
        try {
            parsed = ContentRange.parseUnsatisfied(header, ANSWER);
        } catch (MalformedResponseException e) {
            failure = e;
        }

        if (expected.isPresent()) {
            assertThat(failure).as(header).isNull();
            assertThat(parsed).as(header).hasValue(expected.get().longValueExact());
        } else {
            assertThat(failure).as(header).isNotNull()
                    .hasMessage(ANSWER + " with an unreadable Content-Range: " + Redaction.quote(header));
        }
    }

    @Property
    void everyRangeOfAnObjectIsReadBack(@ForAll @LongRange(min = 1) long total, @ForAll long a, @ForAll long b)
            throws Exception {
        long first = Math.floorMod(a, total);
        long last = first + Math.floorMod(b, total - first);

        assertThat(ContentRange.parse("bytes " + first + "-" + last + "/" + total, ANSWER))
                .contains(new ContentRange(first, last, OptionalLong.of(total)));
        assertThat(ContentRange.parse("bytes " + first + "-" + last + "/*", ANSWER))
                .contains(new ContentRange(first, last, OptionalLong.empty()));
    }

    @Provide
    Arbitrary<String> satisfiedHeaders() {
        Arbitrary<String> span = Combinators.combine(numbers(), dashes(), numbers()).as((a, dash, b) -> a + dash + b);
        Arbitrary<String> rangePart = Arbitraries.frequencyOf(Tuple.of(9, span), Tuple.of(1, Arbitraries.of("*", "")));
        return Combinators.combine(spaces(), units(), separators(), rangePart, slashes(), totals(), spaces())
                .as((lead, unit, separator, range, slash, total, trail) -> lead + unit + separator + range + slash + total + trail);
    }

    @Provide
    Arbitrary<String> unsatisfiedHeaders() {
        Arbitrary<String> star = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("*")),
                Tuple.of(2, Arbitraries.of("", "**", "0-1", "* ")));
        return Combinators.combine(spaces(), units(), separators(), star, slashes(), numbers(), spaces())
                .as((lead, unit, separator, range, slash, total, trail) -> lead + unit + separator + range + slash + total + trail);
    }

    private static Arbitrary<String> spaces() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(1, Arbitraries.of(" ", "\t", "  \t")));
    }

    private static Arbitrary<String> units() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("bytes")),
                Tuple.of(3, Arbitraries.of("BYTES", "Bytes", "bYtEs")),
                Tuple.of(1, Arbitraries.of("byte", "bytess", "items", "", "by tes")));
    }

    private static Arbitrary<String> separators() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(" ")), Tuple.of(1, Arbitraries.of("", "  ", "=", "\t")));
    }

    private static Arbitrary<String> dashes() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("-")), Tuple.of(1, Arbitraries.of("", "--", " - ", "/")));
    }

    private static Arbitrary<String> slashes() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("/")), Tuple.of(1, Arbitraries.of("", "//", " / ")));
    }

    private static Arbitrary<String> totals() {
        return Arbitraries.frequencyOf(Tuple.of(8, numbers()), Tuple.of(2, Arbitraries.just("*")));
    }

    /** Numbers as a server might write them: small, any long, too long, padded, signed, not numbers. */
    private static Arbitrary<String> numbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(0, 1000).map(String::valueOf)),
                Tuple.of(4, Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of(String.valueOf(Long.MAX_VALUE), "9223372036854775808", "9999999999999999999",
                        "10000000000000000000", "007", "0000000000000000000", "00000000000000000000")),
                Tuple.of(1, Arbitraries.of("", "-1", "+1", "1a", "a", " 1", "1 ", "1.0", "\u0661")));
    }

    private static Outcome satisfiedModel(String header) {
        String text = trimmed(header);
        if (text.length() < 6 || !text.substring(0, 5).equalsIgnoreCase("bytes") || text.charAt(5) != ' ') {
            return new Unreadable();
        }
        String rest = text.substring(6);
        int slash = rest.indexOf('/');
        int dash = slash < 0 ? -1 : rest.substring(0, slash).indexOf('-');
        if (dash < 0) {
            return new Unreadable();
        }
        String totalText = rest.substring(slash + 1);
        Optional<BigInteger> first = number(rest.substring(0, dash));
        Optional<BigInteger> last = number(rest.substring(dash + 1, slash));
        Optional<BigInteger> total = totalText.equals("*") ? Optional.empty() : number(totalText);
        if (first.isEmpty() || last.isEmpty() || (!totalText.equals("*") && total.isEmpty())) {
            return new Unreadable();
        }
        BigInteger lastByte = total.isPresent() && last.get().compareTo(total.get()) >= 0
                ? total.get().subtract(BigInteger.ONE)
                : last.get();
        if (lastByte.compareTo(first.get()) < 0 || lastByte.equals(LONG_MAX)) {
            return new Inconsistent();
        }
        return new Parsed(new ContentRange(first.get().longValueExact(), lastByte.longValueExact(),
                total.isPresent() ? OptionalLong.of(total.get().longValueExact()) : OptionalLong.empty()));
    }

    private static Optional<BigInteger> unsatisfiedModel(String header) {
        String text = trimmed(header);
        if (text.length() < 8 || !text.substring(0, 5).equalsIgnoreCase("bytes") || !text.startsWith(" */", 5)) {
            return Optional.empty();
        }
        return number(text.substring(8));
    }

    /** One to nineteen ASCII digits whose value fits a long. */
    private static Optional<BigInteger> number(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(LONG_MAX) > 0 ? Optional.empty() : Optional.of(value);
    }

    /** Without the spaces and control characters around it. */
    private static String trimmed(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return text.substring(from, to);
    }
}
