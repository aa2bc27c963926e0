package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.support.ResumingInputStream.Limit;
import io.stowage.support.ScriptedObject.Answer;
import io.stowage.support.ScriptedObject.Break;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The resuming stream over objects whose answers break at random points in random ways, ignore
 * the range or end short: the bytes read are the object's, in order, never short or foreign;
 * every answer is given back exactly once; each resume asks for the byte reached.
 */
class ResumingInputStreamPropertiesTest {
    private static final Backoff NO_PAUSE = Backoff.exponential(Duration.ZERO, Duration.ZERO);

    @Property(tries = 500)
    void aReadThatMayResumeOftenEnoughGivesExactlyTheObjectsBytes(@ForAll @IntRange(min = 1, max = 20_000) int size,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 19_999) int a, @ForAll @IntRange(min = 1, max = 20_000) int b,
            @ForAll("scripts") List<Answer> script) throws Exception {
        ScriptedObject object = new ScriptedObject(size, seed);
        script.forEach(object::then);
        long from = a % size;
        long to = from + 1 + b % (size - from);

        byte[] read;
        try (ResumingInputStream in = new ResumingInputStream("memory://x", object, object.open(from, to), from, to,
                Limit.inARowWithoutProgress(script.size() + 1), NO_PAUSE)) {
            read = in.readAllBytes();
        }

        assertThat(read).isEqualTo(object.slice(from, to));
        assertThat(object.unreleased()).as("answers not given back").isZero();
        assertThat(object.bodies).allSatisfy(body -> assertThat(body.releases).as(body.toString()).isEqualTo(1));
        assertThat(object.requests).allSatisfy(request -> assertThat(request).endsWith("-" + to));
        assertThat(object.requests.stream().map(request -> Long.parseLong(request.substring(0, request.indexOf('-')))))
                .as("each request starts where the read had come").isSorted().allSatisfy(position ->
                        assertThat(position).isBetween(from, to - 1));
    }

    @Property(tries = 500)
    void aReadThatRunsOutOfResumesFailsInTheFamilyWithThePrefixItRead(@ForAll @IntRange(min = 1, max = 20_000) int size,
            @ForAll long seed, @ForAll @IntRange(max = 3) int resumes, @ForAll("scripts") List<Answer> script)
            throws Exception {
        ScriptedObject object = new ScriptedObject(size, seed);
        script.forEach(object::then);
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        Throwable failure;
        try (ResumingInputStream in = new ResumingInputStream("memory://x", object, object.open(0, size), 0, size,
                Limit.inAll(resumes), NO_PAUSE)) {
            failure = catchThrowable(() -> in.transferTo(read));
        }

        assertThat(object.unreleased()).as("answers not given back").isZero();
        if (object.breaks.size() <= resumes) {
            assertThat(failure).isNull();
            assertThat(read.toByteArray()).isEqualTo(object.data);
            return;
        }
        assertThat(object.breaks).as("breaks before the read gave up").hasSize(resumes + 1);
        assertThat(read.toByteArray()).as("what was read before").isEqualTo(object.slice(0, read.size()));
        Break last = object.breaks.get(resumes);
        if (last == Break.EARLY_END || last == Break.EOF) {
            assertThat(failure).isExactlyInstanceOf(IntegrityException.class).hasMessageStartingWith("Truncated body of memory://x");
        } else {
            assertThat(failure).isExactlyInstanceOf(BackendUnavailableException.class)
                    .hasMessageStartingWith("Reading memory://x broke at byte " + read.size() + " (before " + size + ")");
        }
    }

    @Provide
    Arbitrary<List<Answer>> scripts() {
        Arbitrary<Answer> breaking = Combinators.combine(Arbitraries.longs().between(0, 3_000),
                Arbitraries.of(Break.CUT, Break.EARLY_END, Break.EOF, Break.TIMEOUT, Break.RUNTIME))
                .as(Answer::breaking);
        Arbitrary<Answer> answer = Arbitraries.frequencyOf(
                Tuple.of(6, breaking),
                Tuple.of(1, Arbitraries.just(Answer.clean())));
        Arbitrary<Answer> shaped = Combinators.combine(answer, Arbitraries.integers().between(0, 9),
                Arbitraries.longs().between(0, 5_000)).as((one, shape, shortBy) -> switch (shape) {
                    case 0 -> one.ignoringRange();
                    case 1, 2 -> one.endingShortBy(shortBy);
                    default -> one;
                });
        return shaped.list().ofMaxSize(12);
    }
}
