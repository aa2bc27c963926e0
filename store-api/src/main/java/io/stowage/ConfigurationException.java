package io.stowage;

/** Configuration is invalid; raised when the registry or a store is built, naming the store and key. */
public class ConfigurationException extends StoreException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
