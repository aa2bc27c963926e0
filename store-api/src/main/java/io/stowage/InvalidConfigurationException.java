package io.stowage;

/** Configuration is invalid; raised when the registry or a store is built, naming the store and key. */
public class InvalidConfigurationException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public InvalidConfigurationException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
