package io.stowage.bench;

import java.util.List;

/** A group of comparisons sharing a setup (a server, a store); returns its table rows. */
interface Scenario {
    BenchOptions.Group group();

    List<Row> run(BenchContext context) throws Exception;
}
