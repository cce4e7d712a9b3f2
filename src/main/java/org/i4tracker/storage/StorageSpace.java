package org.i4tracker.storage;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Free space on the file system of the H2 file database ({@code datasources.default.url} of the form
 * {@code jdbc:h2:file:PATH;...}); nothing to watch for an in-memory H2 or PostgreSQL, whose server
 * reports its own disk ({@code 53100}). When the space falls below {@code i4.storage.min-free-space},
 * {@code /health} shows the storage DOWN and a write the database refused is answered as "the storage
 * refuses writes" rather than as an outage.
 */
@Singleton
public final class StorageSpace {

    private final Path directory;
    private final long minFreeBytes;

    StorageSpace(@Value("${datasources.default.url:}") String url,
                 @ReadableBytes @Value("${i4.storage.min-free-space:16MB}") long minFreeBytes) {
        this.directory = h2FileDirectory(url).orElse(null);
        this.minFreeBytes = minFreeBytes;
    }

    /** The folder holding the database file of an H2 file URL; empty for any other URL. */
    static Optional<Path> h2FileDirectory(String url) {
        String prefix = "jdbc:h2:file:";
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = url.indexOf(';');
        Path file = Path.of(url.substring(prefix.length(), end < 0 ? url.length() : end)).toAbsolutePath();
        return Optional.ofNullable(file.getParent());
    }

    /** The data directory watched, or empty when the database is not an H2 file. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Bytes this process may still write on the data directory's file system; empty when not watched or unreadable. */
    public Optional<Long> usableBytes() {
        if (directory == null || !Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getFileStore(directory).getUsableSpace());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when the data directory's file system has less than {@code i4.storage.min-free-space} left. */
    public boolean low() {
        return usableBytes().map(free -> free < minFreeBytes).orElse(false);
    }
}
