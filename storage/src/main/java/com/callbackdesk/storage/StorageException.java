package com.callbackdesk.storage;

/** A technical database failure (unreachable, constraint bug, ...), not a business refusal. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
