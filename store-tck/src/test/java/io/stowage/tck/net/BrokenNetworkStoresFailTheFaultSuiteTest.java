package io.stowage.tck.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The network fault suite has teeth: a client without timeouts and one that hides an outage both fail it. */
class BrokenNetworkStoresFailTheFaultSuiteTest {
    @Test
    void aClientWithoutTimeoutsHangsAndFails() {
        assertThat(failures(NoTimeouts.class))
                .contains("aStalledReadFailsInsteadOfHanging", "aStalledAddFailsInsteadOfHangingAndLeavesNothing");
    }

    @Test
    void aClientReportingAnOutageAsNotFoundFails() {
        assertThat(failures(UnreachableIsNotFound.class)).contains("anUnreachableServerIsBackendUnavailable");
    }

    private static Set<String> failures(Class<?> subject) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(subject)).execute();
        Set<String> failed = new TreeSet<>();
        results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getSource().orElse(null))
                .map(source -> source instanceof MethodSource method ? method.getMethodName() : String.valueOf(source))
                .forEach(failed::add);
        return failed;
    }

    @Tag("tck-subject")
    static final class NoTimeouts extends NetworkFaultTest {
        @Override
        protected NetworkFaultTckEnvironment environment() throws Exception {
            return new LoopbackHttpTckEnvironment(LoopbackHttpStore.Defect.NO_TIMEOUTS);
        }
    }

    @Tag("tck-subject")
    static final class UnreachableIsNotFound extends NetworkFaultTest {
        @Override
        protected NetworkFaultTckEnvironment environment() throws Exception {
            return new LoopbackHttpTckEnvironment(LoopbackHttpStore.Defect.UNREACHABLE_IS_NOT_FOUND);
        }
    }
}
