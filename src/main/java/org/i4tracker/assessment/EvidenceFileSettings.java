package org.i4tracker.assessment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * Settings of evidence files ({@code i4.evidence.*}; default and meaning in application.yml and docs/configuration.md).
 * Read at start ({@link Context}), so that a bad value stops the start with a message naming the key.
 *
 * @param maxFileSize the largest file accepted as evidence, in bytes (application.yml: {@code 10MB}); 1 byte to
 *                    {@value #MAX_FILE_SIZE} (20 MB, the service's request body limit
 *                    {@code micronaut.server.max-request-size}, which the upload is read within)
 */
@Context
@ConfigurationProperties("i4.evidence")
record EvidenceFileSettings(@ReadableBytes long maxFileSize) {

    /** 20 MB: the request body limit of application.yml ({@code micronaut.server.max-request-size}, {@code max-request-buffer-size}). */
    static final long MAX_FILE_SIZE = 20L * 1024 * 1024;

    EvidenceFileSettings {
        if (maxFileSize < 1 || maxFileSize > MAX_FILE_SIZE) {
            throw new IllegalArgumentException("i4.evidence.max-file-size must be between 1 byte and 20MB (the request body limit "
                    + "micronaut.server.max-request-size), is " + maxFileSize + " bytes");
        }
    }
}
