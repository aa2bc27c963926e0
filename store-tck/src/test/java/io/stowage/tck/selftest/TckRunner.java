package io.stowage.tck.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs a TCK suite in-process with the JUnit Platform test kit and reports what failed. */
final class TckRunner {
    /** The outcome of one run: the names of the failed test methods (or classes), and the counts. */
    record Outcome(Set<String> failed, long succeeded, long aborted) {}

    private TckRunner() {}

    static Outcome run(String engine, Class<?> suite) {
        return run(engine, selectClass(suite));
    }

    static Outcome run(String engine, DiscoverySelector selector) {
        // The test kit does not read junit-platform.properties: keep jqwik's database under target/ here too.
        EngineExecutionResults results = EngineTestKit.engine(engine)
                .configurationParameter("jqwik.database", "target/jqwik-database-selftest")
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .selectors(selector)
                .execute();
        Set<String> failed = new TreeSet<>();
        results.allEvents().failed().stream().map(TckRunner::name).forEach(failed::add);
        return new Outcome(failed, results.testEvents().succeeded().count(), results.testEvents().aborted().count());
    }

    static Outcome jupiter(Class<?> suite) {
        return run("junit-jupiter", suite);
    }

    private static String name(Event event) {
        TestSource source = event.getTestDescriptor().getSource().orElse(null);
        if (source instanceof MethodSource method) {
            return method.getMethodName();
        }
        if (source instanceof ClassSource type) {
            return type.getClassName();
        }
        return event.getTestDescriptor().getDisplayName();
    }
}
