package io.stowage.core;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.ContractEnforcingStore;
import io.stowage.InvalidConfigurationException;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import io.stowage.StoredObject;
import io.stowage.UnknownSchemeException;
import io.stowage.core.config.StowageConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The registry: the configured stores by name, the default store, and the routing of a
 * location to the store that owns it.
 *
 * <p>Routing: a location whose metadata names a store ({@value Location#STORE_KEY}) goes to
 * that store, which must serve its scheme and own it; otherwise to the one store that
 * serves its scheme and {@linkplain Store#owns owns} it. An unknown scheme is an
 * {@link UnknownSchemeException} listing the registered schemes; a location no store owns,
 * or several do, is an {@link InvalidLocationException}. There is no silent fallback.
 *
 * <p>Every store is put behind a {@link ContractEnforcingStore}: what {@link #store},
 * {@link #defaultStore} and {@link #route} return, and every operation here, keeps the whole
 * contract of {@link Store} whatever the backend leaves to the decorator.
 */
public final class StoreRegistry implements Closeable {
    private record Entry(String type, Store store) {}

    private final Map<String, Entry> entries;
    private final String defaultName;

    private StoreRegistry(Map<String, Entry> entries, String defaultName) {
        this.entries = entries;
        this.defaultName = defaultName;
    }

    /**
     * Builds the registry from a YAML or JSON config file with the providers on the classpath.
     *
     * @param configFile the config file; {@code ${VAR}} values come from the process environment
     * @return the registry, to close
     * @throws StoreException if the file or a store's config is invalid, or a store cannot be created
     */
    public static StoreRegistry load(Path configFile) throws StoreException {
        return build(StowageConfig.load(configFile));
    }

    /**
     * Builds the registry from a config with the providers on the classpath.
     *
     * @param config the config
     * @return the registry, to close
     * @throws StoreException if a store's config is invalid or a store cannot be created
     */
    public static StoreRegistry build(StowageConfig config) throws StoreException {
        return build(config, Providers.storeProviders());
    }

    /**
     * Builds the registry from a config with the given providers. Every configuration
     * problem — unknown type, unknown key, bad value, unknown default — is a
     * {@link InvalidConfigurationException} naming the store and the key; stores created before
     * the failure are closed.
     *
     * @param config the config
     * @param providers the providers to create the stores with, one per type
     * @return the registry, to close
     * @throws StoreException if a store's config is invalid or a store cannot be created
     */
    public static StoreRegistry build(StowageConfig config, Collection<? extends StoreProvider> providers)
            throws StoreException {
        requireNonNull(config, "config is null");
        Map<String, StoreProvider> byType = new LinkedHashMap<>();
        for (StoreProvider provider : Providers.sortedUnique(List.copyOf(providers), StoreProvider::type, "store")) {
            byType.put(provider.type(), provider);
        }
        String defaultName = defaultName(config);
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Map<String, Object>> section : config.stores().entrySet()) {
                String name = section.getKey();
                StoreProvider provider = providerFor(name, section.getValue(), byType);
                entries.put(name, new Entry(provider.type(), ContractEnforcingStore.wrap(create(name, config, provider))));
            }
        } catch (StoreException | RuntimeException e) {
            closeAll(entries.values(), e);
            throw e;
        }
        return new StoreRegistry(Map.copyOf(entries), defaultName);
    }

    private static String defaultName(StowageConfig config) throws InvalidConfigurationException {
        if (config.defaultStore().isEmpty()) {
            if (config.stores().size() == 1) {
                return config.stores().keySet().iterator().next();
            }
            throw new InvalidConfigurationException("Invalid configuration: " + config.stores().size()
                    + " stores are configured; name the default one with 'default' (stores: "
                    + String.join(", ", config.stores().keySet()) + ")");
        }
        String name = config.defaultStore().get();
        if (!config.stores().containsKey(name)) {
            throw new InvalidConfigurationException("Invalid configuration: the default store '" + name
                    + "' is not configured (stores: " + String.join(", ", config.stores().keySet()) + ")");
        }
        return name;
    }

    private static StoreProvider providerFor(String name, Map<String, Object> section, Map<String, StoreProvider> byType)
            throws InvalidConfigurationException {
        Object type = section.get("type");
        String available = byType.isEmpty() ? "none found" : String.join(", ", byType.keySet());
        if (!(type instanceof String typeName)) {
            throw new InvalidConfigurationException("Invalid configuration of store '" + name
                    + "': key 'type' is missing (available types: " + available + ")");
        }
        StoreProvider provider = byType.get(typeName);
        if (provider == null) {
            throw new InvalidConfigurationException("Invalid configuration of store '" + name + "': unknown type '"
                    + typeName + "' (available types: " + available + ")");
        }
        return provider;
    }

    private static Store create(String name, StowageConfig config, StoreProvider provider) throws StoreException {
        try {
            return requireNonNull(provider.create(name, config.storeSettings(name)),
                    "provider returned no store");
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException("Store '" + name + "' of type '" + provider.type()
                    + "' could not be created: " + e.getMessage(), e);
        }
    }

    /**
     * The store named {@code name}, behind the contract decorator.
     *
     * @param name a configured store name
     * @return the store
     * @throws InvalidConfigurationException if no store has that name
     */
    public Store store(String name) throws InvalidConfigurationException {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new InvalidConfigurationException("No store named '" + name + "' is configured (stores: " + names() + ")");
        }
        return entry.store();
    }

    /** {@return the default store, behind the contract decorator} */
    public Store defaultStore() {
        return entries.get(defaultName).store();
    }

    /** {@return the name of the default store} */
    public String defaultStoreName() {
        return defaultName;
    }

    /** {@return the configured stores, sorted by name} */
    public List<StoreInfo> describe() {
        return entries.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new StoreInfo(e.getKey(), e.getValue().type(), e.getValue().store().schemes(),
                        e.getValue().store().capabilities(), e.getKey().equals(defaultName)))
                .toList();
    }

    /**
     * Adds to the default store; see {@link #add(String, ObjectId, InputStream, AddOptions)}.
     *
     * @param id the id
     * @param data the bytes, read to the end and not closed
     * @param options expectations, checksums, metadata
     * @return the stored object, whose location names the store
     * @throws IOException if the add failed; nothing was stored
     */
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        return add(defaultName, id, data, options);
    }

    /**
     * Adds to the named store. The returned location carries the store name in its
     * metadata ({@value Location#STORE_KEY}) so it routes back to the same store.
     *
     * @param storeName a configured store name
     * @param id the id
     * @param data the bytes, read to the end and not closed
     * @param options expectations, checksums, metadata
     * @return the stored object, whose location names the store
     * @throws IOException if the add failed; nothing was stored
     */
    public StoredObject add(String storeName, ObjectId id, InputStream data, AddOptions options) throws IOException {
        StoredObject stored = store(storeName).add(id, data, options);
        return stored.withLocation(stored.location().withMetadata(Location.STORE_KEY, storeName));
    }

    /**
     * Opens a range of the object at {@code location}, through the store that serves it.
     *
     * @param location the object
     * @param range the part to read
     * @return the stream, to close
     * @throws IOException if the location routes nowhere or the object cannot be opened
     */
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        return route(location).get(location, range);
    }

    /**
     * Opens the whole object at {@code location}, through the store that serves it.
     *
     * @param location the object
     * @return the stream, to close
     * @throws IOException if the location routes nowhere or the object cannot be opened
     */
    public ObjectStream get(Location location) throws IOException {
        return get(location, ByteRange.ALL);
    }

    /**
     * Opens {@code range} of an object from the first of its {@code copies} that can be read: the
     * locations are tried in the given order, and a copy that cannot be opened (not found, not
     * routed to any store, its backend unavailable, any other store failure) makes way for the
     * next one. The returned stream's {@linkplain ObjectStream#location() location} says which
     * copy serves it. Once a copy is open, its reads fail as that copy's would: this picks a
     * copy, it does not switch copies mid-read.
     *
     * <p>Two failures end the search at once, because no other copy would answer differently: an
     * {@link InvalidRangeException} (the copies hold the same object) and an
     * {@link OperationInterruptedException} (the caller wants to stop). A thread interrupted while
     * a copy failed does not try the next one either: it gets an {@code OperationInterruptedException}
     * holding the failures, its interrupt status kept.
     *
     * @param copies the object's locations in order of preference, at least one
     * @param range the bytes to read
     * @return the open stream of the first copy that could be opened
     * @throws StoreException the first copy's failure, with the failures of the others attached
     *     as suppressed exceptions, when no copy could be opened
     * @throws IllegalArgumentException if {@code copies} is empty
     */
    public ObjectStream get(List<Location> copies, ByteRange range) throws IOException {
        requireNonNull(range, "range is null");
        return FirstReadableCopy.open(copies, copy -> get(copy, range));
    }

    /**
     * The size of the object at {@code location}, through the store that serves it.
     *
     * @param location the object
     * @return its size in bytes
     * @throws IOException if the location routes nowhere or the size cannot be read
     */
    public long size(Location location) throws IOException {
        return route(location).size(location);
    }

    /**
     * Removes the object at {@code location}, through the store that serves it.
     *
     * @param location the object
     * @throws IOException if the location routes nowhere or the object cannot be removed
     */
    public void delete(Location location) throws IOException {
        route(location).delete(location);
    }

    /**
     * Removes what an add of {@code id} left in the named store; see {@link Store#discard}.
     *
     * @param storeName the store the add wrote to
     * @param id the id the add was given
     * @throws IOException if the store is unknown, cannot delete, or failed to remove it
     */
    public void discard(String storeName, ObjectId id) throws IOException {
        store(storeName).discard(id);
    }

    /**
     * The name of the store that serves {@code location}; see the class comment for the rules.
     *
     * @param location the location
     * @return the store's name
     * @throws InvalidLocationException if no store or several serve it; an {@link UnknownSchemeException}
     *     when no store serves its scheme
     */
    public String routeName(Location location) throws InvalidLocationException {
        requireNonNull(location, "location is null");
        Optional<String> named = location.storeName();
        if (named.isPresent()) {
            Entry entry = entries.get(named.get());
            if (entry == null) {
                throw new InvalidLocationException("Location " + location + " names store '" + named.get()
                        + "', which is not configured (stores: " + names() + ")");
            }
            if (!entry.store().owns(location)) {
                throw new InvalidLocationException("Location " + location + " is refused: it is not inside store '"
                        + named.get() + "'");
            }
            return named.get();
        }
        List<String> serving = new ArrayList<>();
        List<String> owning = new ArrayList<>();
        for (Map.Entry<String, Entry> entry : new java.util.TreeMap<>(entries).entrySet()) {
            Store store = entry.getValue().store();
            if (store.schemes().contains(location.scheme())) {
                serving.add(entry.getKey());
                if (store.owns(location)) {
                    owning.add(entry.getKey());
                }
            }
        }
        if (serving.isEmpty()) {
            throw new UnknownSchemeException("No store serves scheme '" + location.scheme() + "' of " + location
                    + " (registered schemes: " + String.join(", ", schemes()) + ")");
        }
        if (owning.isEmpty()) {
            throw new InvalidLocationException("Location " + location + " is refused: it is outside every configured "
                    + location.scheme() + " store (" + String.join(", ", serving) + ")");
        }
        if (owning.size() > 1) {
            throw new InvalidLocationException("Location " + location + " is ambiguous: stores "
                    + String.join(", ", owning) + " all own it; name one in the location metadata '"
                    + Location.STORE_KEY + "'");
        }
        return owning.get(0);
    }

    /**
     * The store that serves {@code location}, behind the contract decorator.
     *
     * @param location the location
     * @return the store
     * @throws InvalidLocationException if no store or several serve it
     */
    public Store route(Location location) throws InvalidLocationException {
        return entries.get(routeName(location)).store();
    }

    /** {@return every scheme some configured store serves, sorted} */
    public List<String> schemes() {
        return entries.values().stream()
                .flatMap(entry -> entry.store().schemes().stream())
                .collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Entry entry : entries.values()) {
            try {
                entry.store().close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = new StoreException("Closing the stores failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private String names() {
        return String.join(", ", new TreeSet<>(entries.keySet()));
    }

    private static void closeAll(Collection<Entry> entries, Exception primary) {
        for (Entry entry : entries) {
            try {
                entry.store().close();
            } catch (IOException | RuntimeException e) {
                primary.addSuppressed(e);
            }
        }
    }
}
