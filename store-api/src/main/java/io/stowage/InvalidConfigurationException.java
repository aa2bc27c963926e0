package io.stowage;

/** Configuration is invalid; raised when the registry or a store is built, naming the store and key. */
public class InvalidConfigurationException extends StoreException {
    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
