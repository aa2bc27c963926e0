package io.stowage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.MalformedResponseException;
import io.stowage.ObjectNotFoundException;
import io.stowage.OperationInterruptedException;
import io.stowage.StoreException;
import io.stowage.support.ResumingInputStream.Limit;
import io.stowage.support.ScriptedObject.Answer;
import io.stowage.support.ScriptedObject.Break;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one resuming stream of the network backends, against a {@link ScriptedObject}. */
class ResumingInputStreamTest {
    private static final String SUBJECT = "http://127.0.0.1:8080/image";
    private static final Backoff NO_PAUSE = Backoff.exponential(Duration.ZERO, Duration.ZERO);
    private static final int SIZE = 10_000;

    private final ScriptedObject object = new ScriptedObject(SIZE, 7);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // a failed test must not leave the interrupt to the next one
    }

    private ResumingInputStream read(long from, long to, Limit limit) throws IOException {
        return new ResumingInputStream(SUBJECT, object, object.open(from, to), from, to, limit, NO_PAUSE);
    }

    /** Reads until the end or a failure; returns the failure and leaves the bytes in {@code into}. */
    private static Throwable drain(ResumingInputStream in, ByteArrayOutputStream into) {
        return catchThrowable(() -> in.transferTo(into));
    }

    @Test
    void aCleanAnswerIsReadWholeAndItsConnectionGivenBack() throws Exception {
        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(0))) {
            assertThat(in.readAllBytes()).isEqualTo(object.data);
        }

        assertThat(object.requests).containsExactly("0-10000");
        assertThat(object.bodies).singleElement().satisfies(body -> {
            assertThat(body.finished).as("finished").isTrue();
            assertThat(body.releases).as("released once").isEqualTo(1);
        });
    }

    @Test
    void aBrokenAnswerIsResumedFromTheByteWhereItBrokeWithIdenticalBytes() throws Exception {
        object.then(Answer.breaking(3_000, Break.CUT));

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(1))) {
            assertThat(in.readAllBytes()).isEqualTo(object.data);
        }

        assertThat(object.requests).containsExactly("0-10000", "3000-10000");
        assertThat(object.bodies.get(0).aborted).as("the broken answer is aborted").isTrue();
        assertThat(object.bodies.get(1).finished).isTrue();
        assertThat(object.unreleased()).isZero();
    }

    @Test
    void aRangeIsResumedWithinItself() throws Exception {
        object.then(Answer.breaking(2_000, Break.TIMEOUT));

        try (ResumingInputStream in = read(2_000, 7_000, Limit.inAll(1))) {
            assertThat(in.readAllBytes()).isEqualTo(object.slice(2_000, 7_000));
        }

        assertThat(object.requests).containsExactly("2000-7000", "4000-7000");
    }

    @Test
    void inARowWithoutProgressLetsAReadThatKeepsMovingGoOnToTheEnd() throws Exception {
        for (int i = 0; i < 9; i++) {
            object.then(Answer.breaking(1_000, i % 2 == 0 ? Break.CUT : Break.EARLY_END));
        }

        try (ResumingInputStream in = read(0, SIZE, Limit.inARowWithoutProgress(1))) {
            assertThat(in.readAllBytes()).isEqualTo(object.data);
        }

        assertThat(object.requests).hasSize(10).endsWith("9000-10000");
        assertThat(object.unreleased()).isZero();
    }

    @Test
    void answersThatKeepEndingEarlyWithoutProgressAreATruncatedBody() throws Exception {
        object.then(Answer.breaking(500, Break.EARLY_END)).then(Answer.breaking(0, Break.EOF))
                .then(Answer.breaking(0, Break.EARLY_END));
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        Throwable failure;
        try (ResumingInputStream in = read(0, SIZE, Limit.inARowWithoutProgress(2))) {
            failure = drain(in, read);
        }

        assertThat(failure).isExactlyInstanceOf(IntegrityException.class)
                .hasMessage("Truncated body of " + SUBJECT + ": the answers kept ending early, at byte 500 (before 10000),"
                        + " and 2 resumed read(s) did not finish it");
        assertThat(read.toByteArray()).isEqualTo(object.slice(0, 500));
        assertThat(object.requests).containsExactly("0-10000", "500-10000", "500-10000");
        assertThat(object.unreleased()).isZero();
    }

    @Test
    void answersThatKeepBreakingOtherwiseAreAnUnavailableBackend() throws Exception {
        object.then(Answer.breaking(0, Break.CUT)).then(Answer.breaking(0, Break.TIMEOUT))
                .then(Answer.breaking(0, Break.CUT));

        Throwable failure;
        try (ResumingInputStream in = read(0, SIZE, Limit.inARowWithoutProgress(2))) {
            failure = catchThrowable(in::read);
        }

        assertThat(failure).isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessage("Reading " + SUBJECT + " broke at byte 0 (before 10000) and 2 resumed read(s) did not finish"
                        + " it: IOException: Connection reset by the script")
                .hasCauseExactlyInstanceOf(IOException.class);
    }

    @Test
    void inAllCountsEveryBreakEvenWithProgress() throws Exception {
        for (int i = 0; i < 3; i++) {
            object.then(Answer.breaking(1_000, Break.RUNTIME));
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        Throwable failure;
        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(2))) {
            failure = drain(in, read);
        }

        assertThat(failure).isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessage("Reading " + SUBJECT + " broke at byte 3000 (before 10000) and 2 resumed read(s) did not finish"
                        + " it: IllegalStateException: Connection pool shut down, by the script");
        assertThat(read.toByteArray()).isEqualTo(object.slice(0, 3_000));
        assertThat(object.requests).hasSize(3);
    }

    @Test
    void anAnswerThatIgnoredTheRangeIsReadFromThePositionOn() throws Exception {
        object.then(Answer.breaking(7_500, Break.CUT).ignoringRange()).then(Answer.clean().ignoringRange());

        try (ResumingInputStream in = new ResumingInputStream(SUBJECT, object, object.open(6_000, 9_000), 6_000, 9_000,
                Limit.inAll(1), NO_PAUSE)) {
            assertThat(in.readAllBytes()).isEqualTo(object.slice(6_000, 9_000));
        }

        assertThat(object.requests).containsExactly("6000-9000", "7500-9000");
        // both held the whole object and neither was read to its end: aborted, not drained
        assertThat(object.bodies).allSatisfy(body -> assertThat(body.aborted).as(body.toString()).isTrue());
        assertThat(object.unreleased()).isZero();
    }

    @Test
    void anAnswerThatIgnoredTheRangeAndBrokeBeforeThePositionIsResumed() throws Exception {
        object.then(Answer.breaking(4_000, Break.EOF).ignoringRange());

        try (ResumingInputStream in = new ResumingInputStream(SUBJECT, object, object.open(5_000, SIZE), 5_000, SIZE,
                Limit.inARowWithoutProgress(1), NO_PAUSE)) {
            assertThat(in.readAllBytes()).isEqualTo(object.slice(5_000, SIZE));
        }

        assertThat(object.requests).containsExactly("5000-10000", "5000-10000");
        assertThat(object.unreleased()).isZero();
    }

    @Test
    void aShorterAnswerIsReadToItsEndAndTheRestAskedForWithoutCountingABreak() throws Exception {
        object.then(Answer.clean().endingShortBy(6_000)).then(Answer.clean().endingShortBy(1));

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(0))) {
            assertThat(in.readAllBytes()).isEqualTo(object.data);
        }

        assertThat(object.requests).containsExactly("0-10000", "4000-10000", "9999-10000");
        assertThat(object.bodies).allSatisfy(body -> assertThat(body.finished).as(body.toString()).isTrue());
    }

    @Test
    void anOpenerThatSaysTheObjectChangedEndsTheReadAtOnce() throws Exception {
        IntegrityException changed = new IntegrityException("The object at s3://images/a changed while it was read");
        object.then(Answer.breaking(100, Break.CUT)).thenFails(changed);

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(5))) {
            assertThat(catchThrowable(in::readAllBytes)).isSameAs(changed);
        }
        assertThat(object.requests).containsExactly("0-10000", "100-10000");
    }

    @Test
    void anOpenerThatCannotReachTheBackendIsABreak() throws Exception {
        object.then(Answer.breaking(100, Break.CUT))
                .thenFails(new BackendUnavailableException("Cannot reach 127.0.0.1:8080"))
                .thenFails(new BackendUnavailableException("Cannot reach 127.0.0.1:8080"));
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        Throwable failure;
        try (ResumingInputStream in = read(0, SIZE, Limit.inARowWithoutProgress(2))) {
            failure = drain(in, read);
        }

        assertThat(failure).isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessage("Reading " + SUBJECT + " broke at byte 100 (before 10000) and 2 resumed read(s) did not finish"
                        + " it: BackendUnavailableException: Cannot reach 127.0.0.1:8080");
        assertThat(object.requests).containsExactly("0-10000", "100-10000", "100-10000");
    }

    @Test
    void anOpenerFailureOfAnyOtherKindEndsTheRead() throws Exception {
        object.then(Answer.breaking(100, Break.EOF)).thenFails(new ObjectNotFoundException("Object not found: " + SUBJECT));

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(5))) {
            assertThat(catchThrowable(in::readAllBytes)).isExactlyInstanceOf(ObjectNotFoundException.class);
        }
        assertThat(object.requests).hasSize(2);
    }

    @Test
    void anAnswerThatDoesNotHoldThePositionIsMalformed() throws Exception {
        ResumingInputStream.Opener late = (position, end) -> object.open(position + 500, end);
        object.then(Answer.breaking(3_000, Break.CUT));

        try (ResumingInputStream in = new ResumingInputStream(SUBJECT, late, object.open(0, SIZE), 0, SIZE,
                Limit.inAll(3), NO_PAUSE)) {
            assertThat(catchThrowable(in::readAllBytes)).isExactlyInstanceOf(MalformedResponseException.class)
                    .hasMessage("The answer to a read of " + SUBJECT + " from byte 3000 holds bytes 3500 to 10000");
        }
        assertThat(object.unreleased()).isZero();
    }

    @Test
    void aReadOnAnInterruptedThreadIsOperationInterruptedAndAbortsTheAnswer() throws Exception {
        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(3))) {
            assertThat(in.readNBytes(100)).hasSize(100);
            Thread.currentThread().interrupt();

            assertThatThrownBy(in::read).isExactlyInstanceOf(OperationInterruptedException.class)
                    .hasMessage("Interrupted while reading " + SUBJECT);
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        }
        assertThat(object.bodies.get(0).aborted).isTrue();
        assertThat(object.requests).hasSize(1);
    }

    @Test
    void aBreakOnAnInterruptedThreadIsNotResumed() throws Exception {
        object.then(Answer.breaking(100, Break.INTERRUPT_THEN_CUT));

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(3))) {
            assertThatThrownBy(in::readAllBytes).isExactlyInstanceOf(OperationInterruptedException.class)
                    .hasMessage("Interrupted while reading " + SUBJECT).hasCauseExactlyInstanceOf(IOException.class);
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        }
        assertThat(object.requests).hasSize(1);
    }

    @Test
    void anInterruptedIoThatIsNoTimeoutIsAnInterrupt() throws Exception {
        object.then(Answer.breaking(100, Break.INTERRUPTED_IO));

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(3))) {
            assertThatThrownBy(in::readAllBytes).isExactlyInstanceOf(OperationInterruptedException.class);
            assertThat(Thread.interrupted()).as("interrupt status set").isTrue();
        }
        assertThat(object.requests).hasSize(1);
    }

    @Test
    void anInterruptDuringThePauseBeforeAResumeEndsTheRead() throws Exception {
        Backoff hour = new Backoff(Duration.ofHours(1), Duration.ofHours(1), () -> new BackoffTest.ScriptedRandom(1.0));
        object.then(Answer.breaking(100, Break.CUT));
        ResumingInputStream in = new ResumingInputStream(SUBJECT, object, object.open(0, SIZE), 0, SIZE, Limit.inAll(3),
                hour);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> failure.set(catchThrowable(in::readAllBytes)), "reader");
        reader.start();

        BackoffTest.awaitState(reader, Thread.State.TIMED_WAITING);
        reader.interrupt();
        reader.join(TimeUnit.MINUTES.toMillis(1));
        in.close();

        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isExactlyInstanceOf(OperationInterruptedException.class)
                .hasMessage("Interrupted while waiting to resume reading " + SUBJECT);
        assertThat(object.requests).containsExactly("0-10000");
    }

    @Test
    void closingBeforeTheEndAbortsTheAnswerAndLaterReadsFail() throws Exception {
        ResumingInputStream in = read(0, SIZE, Limit.inAll(3));
        assertThat(in.readNBytes(10)).isEqualTo(object.slice(0, 10));

        in.close();
        in.close();

        assertThat(object.bodies.get(0).aborted).isTrue();
        assertThat(object.bodies.get(0).releases).isEqualTo(1);
        assertThatThrownBy(in::read).isExactlyInstanceOf(StoreException.class)
                .hasMessage("Stream of " + SUBJECT + " is closed");
    }

    @Test
    void aFailedCheckAtTheEndOfAnAnswerFailsTheRead() throws Exception {
        IntegrityException surplus = new IntegrityException("S3 sent bytes past offset 10000 of s3://images/a");
        object.then(Answer.clean().failingToFinish(surplus));

        try (ResumingInputStream in = read(0, SIZE, Limit.inAll(3))) {
            assertThat(catchThrowable(in::readAllBytes)).isSameAs(surplus);
        }
        assertThat(object.requests).hasSize(1);
    }

    @Test
    void anEmptyReadGivesTheAnswerBackAtItsFirstRead() throws Exception {
        try (ResumingInputStream in = new ResumingInputStream(SUBJECT, object, object.open(SIZE, SIZE), SIZE, SIZE,
                Limit.inAll(0), NO_PAUSE)) {
            assertThat(in.read()).isEqualTo(-1);
            assertThat(object.bodies.get(0).finished).isTrue();
        }
    }

    @Test
    void singleByteReadsResumeToo() throws Exception {
        object.then(Answer.breaking(1, Break.EOF));

        try (ResumingInputStream in = read(0, 3, Limit.inAll(1))) {
            assertThat(new int[] {in.read(), in.read(), in.read(), in.read()})
                    .containsExactly(object.data[0] & 0xff, object.data[1] & 0xff, object.data[2] & 0xff, -1);
        }
        assertThat(object.requests).containsExactly("0-3", "1-3");
    }

    @Test
    void refusesAFirstAnswerThatDoesNotHoldThePosition() throws Exception {
        ScriptedObject.ScriptedBody first = object.open(100, SIZE);

        assertThatThrownBy(() -> new ResumingInputStream(SUBJECT, object, first, 50, SIZE, Limit.inAll(1), NO_PAUSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The first answer for " + SUBJECT + " holds bytes 100 to 10000, not byte 50");
        assertThatThrownBy(() -> new ResumingInputStream(SUBJECT, object, first, 200, 100, Limit.inAll(1), NO_PAUSE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Limit.inAll(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
