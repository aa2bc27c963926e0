package io.stowage.http;

import io.stowage.InvalidConfigurationException;
import io.stowage.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Configs for the tests, bound from key/value pairs the way the registry binds a config file. */
final class TestConfigs {
    /** The loopback servers of the tests, which the default rules refuse: addresses, and the name with its addresses. */
    static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1", "localhost");

    private TestConfigs() {}

    /**
     * Short timeouts and backoff, so that fault tests stay quick, and {@link #LOOPBACK} allowed
     * unless {@code allowedHosts} is given.
     */
    static HttpStoreConfig fast(Object... keysAndValues) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("allowedHosts", LOOPBACK);
        settings.put("connectTimeoutMillis", 2000);
        settings.put("readTimeoutMillis", 2000);
        settings.put("retryBackoffMillis", 5);
        settings.put("maxRetryBackoffMillis", 50);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return bind(settings);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static HttpStoreConfig bind(Map<String, ?> settings) throws InvalidConfigurationException {
        return HttpStoreConfig.from(Settings.of("store 'web'", settings));
    }
}
