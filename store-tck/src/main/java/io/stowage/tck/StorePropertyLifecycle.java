package io.stowage.tck;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Opens the environment, the store and the oracle of a {@link StorePropertiesTest} around
 * each property, sets its tries from the environment (never below the default), and checks
 * after the property that the backend is empty and nothing leaked.
 */
final class StorePropertyLifecycle implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
            throws Throwable {
        StorePropertyFixture suite = (StorePropertyFixture) context.testInstance();
        suite.open();
        PropertyExecutionResult result;
        try {
            context.attributes().setTries(suite.tries());
            result = property.execute();
        } catch (Throwable e) {
            suite.closeAfterFailure(e);
            throw e;
        }
        try {
            suite.close();
        } catch (Throwable e) {
            return result.status() == PropertyExecutionResult.Status.FAILED ? result : result.mapToFailed(e);
        }
        return result;
    }
}
