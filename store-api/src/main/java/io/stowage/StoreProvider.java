package io.stowage;

import java.util.Set;

/**
 * Creates stores of one {@link #type()} from their settings. Found with
 * {@link java.util.ServiceLoader}: a backend jar lists its provider in
 * {@code META-INF/services/io.stowage.StoreProvider}.
 *
 * <p>The registry hands each store's config section (without {@code type}, with {@code ${VAR}}
 * resolved) to {@link #create} as {@link Settings}: plain JDK values and typed accessors that
 * report a wrong value as an {@link InvalidConfigurationException} naming the store and the key.
 * A provider refuses keys it does not know ({@link Settings#checkKeys}), builds its config from the
 * settings and keeps every secret out of its messages and {@code toString()}s.
 *
 * <p>The registry puts every store it creates behind a decorator that enforces the capabilities
 * and schemes the store declares.
 */
public interface StoreProvider {
    /**
     * The {@code type} value in the config that selects this provider.
     *
     * @return the type, e.g. {@code file}
     */
    String type();

    /**
     * The schemes of the stores this provider creates.
     *
     * @return the lower-case schemes
     */
    Set<String> schemes();

    /**
     * Creates a ready-to-use store. Problems with the settings or the environment (a data dir that
     * cannot be created, a bucket that does not exist) are {@link InvalidConfigurationException}s
     * naming the store and the key.
     *
     * @param name the store's name, the key under {@code stores:} in the config
     * @param settings the store's settings
     * @return the store
     * @throws StoreException if the store cannot be created
     */
    Store create(String name, Settings settings) throws StoreException;
}
