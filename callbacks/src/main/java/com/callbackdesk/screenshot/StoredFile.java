package com.callbackdesk.screenshot;

import java.util.Objects;

/**
 * Where the app stored an uploaded screenshot (the bytes live in the file store, not the database).
 *
 * @param path        storage path or key
 * @param contentType e.g. image/png
 * @param sizeBytes   size of the stored file
 */
public record StoredFile(String path, String contentType, long sizeBytes) {
    public StoredFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        if (path.isBlank() || path.length() > 1000) {
            throw new IllegalArgumentException("path must be 1..1000 characters");
        }
        if (!contentType.startsWith("image/") || contentType.length() > 128) {
            throw new IllegalArgumentException("A screenshot must be an image/* content type, was " + contentType);
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("An empty upload is not a screenshot (size " + sizeBytes + ")");
        }
    }
}
