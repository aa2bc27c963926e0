package io.stowage;

import java.util.Set;

/**
 * Creates stores of one {@link #type()} from their typed configuration. Found with
 * {@link java.util.ServiceLoader}: a backend jar lists its provider in
 * {@code META-INF/services/io.stowage.StoreProvider}.
 *
 * <p>The registry binds each store's config section (minus {@code type}) to
 * {@link #configType()} with Jackson: unknown keys are errors, {@code ${VAR}} values are
 * already resolved from the environment. Validate in the config record's compact
 * constructor (throw {@link IllegalArgumentException} with a message naming the key);
 * the registry reports it as a {@link InvalidConfigurationException} naming the store. A config
 * record holding a secret must keep it out of its {@code toString()}.
 *
 * @param <C> the config record
 */
public interface StoreProvider<C> {
    /** The {@code type} value in the config that selects this provider, e.g. {@code file}. */
    String type();

    /** The lower-case schemes of the stores this provider creates. */
    Set<String> schemes();

    /** The record the store's config section binds to. */
    Class<C> configType();

    /**
     * Creates a ready-to-use store. Problems with the config values or the environment
     * (a data dir that cannot be created, a bucket that does not exist) are
     * {@link InvalidConfigurationException}s naming the store and the key.
     */
    Store create(String name, C config) throws StoreException;
}
