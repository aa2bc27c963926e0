package io.stowage.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs contenders interleaved: every round runs each of them once, in an order that changes from
 * round to round: the rotations of the list, then the rotations of the reversed list (A B C,
 * B C A, C A B, C B A, B A C, A C B, ...). So each contender goes first as often as the others
 * and follows different neighbours (one contender's leftovers, such as dirty pages or garbage,
 * do not always land on the same other one). Before each run the heap is collected, so no run
 * pays for the previous one's garbage. Ratios are then taken within a round
 * ({@link Comparison}), which cancels the slow drift of a shared machine.
 */
final class Rounds {
    private final List<Contender> contenders;
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

    private Rounds(List<Contender> contenders) {
        this.contenders = List.copyOf(contenders);
        for (Contender contender : contenders) {
            if (samples.put(contender.name(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("two contenders are named " + contender.name());
            }
        }
    }

    /**
     * Runs {@code warmups} unmeasured rounds, then {@code runs} measured ones, logging each sample
     * to {@code log}.
     */
    static Rounds run(String scenario, List<Contender> contenders, int warmups, int runs, PrintStream log) throws Exception {
        Rounds rounds = new Rounds(contenders);
        for (int round = 0; round < warmups + runs; round++) {
            boolean measured = round >= warmups;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-28s %s %d:", scenario,
                    measured ? "run" : "warm-up", measured ? round - warmups + 1 : round + 1));
            for (Contender contender : order(contenders, round)) {
                System.gc();
                Sample sample = contender.run();
                if (measured) {
                    rounds.samples.get(contender.name()).add(sample);
                }
                line.append(String.format(Locale.ROOT, "  %s %.3f s", contender.name(), sample.seconds()));
            }
            log.println(line);
        }
        return rounds;
    }

    /** The order of round {@code round}: a rotation of the list, of the reversed list in every other block of rounds. */
    static List<Contender> order(List<Contender> contenders, int round) {
        int count = contenders.size();
        List<Contender> base = new ArrayList<>(contenders);
        if ((round / count) % 2 == 1) {
            java.util.Collections.reverse(base);
        }
        List<Contender> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(base.get((i + round) % count));
        }
        return order;
    }

    /** The measured samples of {@code contender}, one per round, in round order. */
    List<Sample> samples(String contender) {
        List<Sample> list = samples.get(contender);
        if (list == null) {
            throw new IllegalArgumentException("no contender named " + contender);
        }
        return List.copyOf(list);
    }
}
