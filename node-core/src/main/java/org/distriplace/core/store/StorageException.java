package org.distriplace.core.store;

/** Durable storage failed. The node cannot promise anything it cannot store, so it stops (fail-stop). */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
