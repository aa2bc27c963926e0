package io.stowage.tck;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Fails a contract run whose skipped tests exceed what its declared {@link StoreProfile}
 * explains: every test aborted for another reason than a {@link ProfileSkip} (an assumption
 * in an environment, a subclass or a {@code @BeforeEach}) and every disabled test is listed,
 * and the test class fails once its tests are done.
 */
final class SkipAccounting implements TestWatcher, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SkipAccounting.class);
    private static final String UNEXPLAINED = "unexplained skips";

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        if (!(cause instanceof ProfileSkip)) {
            unexplained(context).add(name(context) + " was aborted: " + cause);
        }
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        unexplained(context).add(name(context) + " was disabled: " + reason.orElse("no reason given"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> skips = unexplained(context);
        if (!skips.isEmpty()) {
            String profile = context.getTestInstance()
                    .filter(StoreContractFixture.class::isInstance)
                    .map(instance -> ((StoreContractFixture) instance).declaredProfile())
                    .map(String::valueOf).orElse("(none)");
            throw new AssertionError(skips.size() + " test(s) of the store contract were skipped for reasons the declared"
                    + " profile " + profile + " does not explain; the TCK skips only what the profile leaves out:\n  "
                    + String.join("\n  ", skips));
        }
    }

    /** The list of the test class the context belongs to. */
    @SuppressWarnings("unchecked")
    private static List<String> unexplained(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(UNEXPLAINED, key -> new CopyOnWriteArrayList<String>(),
                List.class);
    }

    private static String name(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.getName() + " " + context.getDisplayName())
                .orElse(context.getDisplayName());
    }
}
