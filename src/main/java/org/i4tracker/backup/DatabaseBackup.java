package org.i4tracker.backup;

import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Online backup of the H2 file database: H2's {@code BACKUP TO} copies the database file into a zip
 * while the service keeps reading and writing. H2 (2.3, {@code SingleFileStore.backup}) stops reusing file
 * space for the duration, so commits made meanwhile only append chunks: the copy opens at the last commit
 * it holds whole ({@code BackupRestoreTest} checks this under write load). The zip is written under a {@code .part} name and renamed when
 * complete, so a file ending in {@code .zip} in the backup folder is always a whole backup.
 *
 * <p>The file name is made here from the time ({@code i4tracker-20261203T185742.123Z.zip}); no caller
 * chooses a path. One backup runs at a time. PostgreSQL, an in-memory H2 and an H2 server of its own
 * ({@code jdbc:h2:tcp:}) are refused as conflicts: the first is backed up with {@code pg_dump}, the
 * second has nothing to keep, the third writes files on its own machine.
 */
@Singleton
class DatabaseBackup {

    /** A backup written: the file's name in the backup folder, its size, when it was taken and how long it took. */
    record BackupFile(String fileName, long sizeBytes, Instant takenAt, long durationMillis) {
    }

    static final String PREFIX = "i4tracker-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** H2's error code for BACKUP on a database that lives only in memory. */
    private static final int H2_NOT_PERSISTENT = 90126;

    private final DataSource dataSource;
    private final Path directory;
    private final ReentrantLock running = new ReentrantLock();

    DatabaseBackup(DataSource dataSource, DataSourceResolver resolver, @Value("${i4.backup.dir}") Path directory) {
        this.dataSource = resolver.resolve(dataSource);
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** Writes a backup of the running database into the backup folder. */
    BackupFile write() {
        if (!running.tryLock()) {
            throw DomainException.conflict(null, "a backup is already running; try again when it has finished");
        }
        try (Connection c = dataSource.getConnection()) {
            refuseUnlessH2File(c);
            Instant start = Instant.now();
            long started = System.nanoTime();
            String name = PREFIX + STAMP.format(start) + ".zip";
            Files.createDirectories(directory);
            Path target = directory.resolve(name);
            Path part = directory.resolve(name + ".part");
            try (Statement st = c.createStatement()) {
                st.execute("BACKUP TO '" + part.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                Files.deleteIfExists(part);
                if (e.getErrorCode() == H2_NOT_PERSISTENT) {
                    throw DomainException.conflict(null, "the H2 database is in memory; there is nothing to back up");
                }
                throw e;
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            return new BackupFile(name, Files.size(target), start, millis);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("backup into " + directory + " failed: " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    private static void refuseUnlessH2File(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String url = String.valueOf(c.getMetaData().getURL());
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            throw DomainException.conflict(null, "the database is PostgreSQL: back it up with pg_dump -Fc and restore it with"
                    + " pg_restore (see the operator documentation, 'Backup and restore'); this endpoint backs up the H2 file database");
        }
        if (!"H2".equalsIgnoreCase(product)) {
            throw DomainException.conflict(null, "online backup is only available for the H2 file database, not " + product);
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            throw DomainException.conflict(null, "the H2 database is in memory; there is nothing to back up");
        }
        if (url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
            throw DomainException.conflict(null, "the H2 database runs in a server of its own; run BACKUP TO on that server");
        }
    }
}
