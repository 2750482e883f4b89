package com.callbackdesk.http.pages;

import com.callbackdesk.screenshot.StoredFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Where uploaded screenshots live: {@code <storeDir>/<callbackId>/<name>.<ext>}; the database
 * row keeps the path relative to the store directory. Only PNG, JPEG, GIF and WebP are accepted,
 * recognised by their magic bytes (never by the file name or the browser's content type).
 */
public final class ScreenshotFiles {

    /** An image type we accept. */
    public enum ImageType {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

        public final String contentType;
        public final String extension;

        ImageType(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }

    private final Path root;

    public ScreenshotFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The image type of {@code bytes} by their first bytes, or empty when it is none we accept. */
    public static Optional<ImageType> detect(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(ImageType.PNG);
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(ImageType.JPEG);
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(ImageType.GIF);
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(ImageType.WEBP);
        }
        return Optional.empty();
    }

    /**
     * Writes the image (to a temporary file first, then moved into place, so a half-written file
     * never has the final name) and returns where.
     */
    public StoredFile store(long callbackId, long requestId, byte[] bytes, ImageType type) {
        Path dir = root.resolve(Long.toString(callbackId));
        String name = "request-" + requestId + "-" + System.currentTimeMillis() + "." + type.extension;
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store screenshot of callback " + callbackId + " in " + dir, e);
        }
        return new StoredFile(callbackId + "/" + name, type.contentType, bytes.length);
    }

    /** Removes a stored file (an upload whose database row could not be written). */
    public void delete(StoredFile file) {
        try {
            Files.deleteIfExists(resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file.path(), e);
        }
    }

    /** The file on disk for a stored path; refuses paths that leave the store directory. */
    public Path resolve(StoredFile file) {
        Path p = root.resolve(file.path()).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("stored path leaves the store directory: " + file.path());
        }
        return p;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes == null || bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
