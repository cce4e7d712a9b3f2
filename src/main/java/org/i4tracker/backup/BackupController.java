package org.i4tracker.backup;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up the running H2 file database into {@code i4.backup.dir} (201 with the file name, size and
 * time taken). On PostgreSQL it answers 409: {@code pg_dump} is the tool there. Administrators only:
 * a backup holds every firm's data.
 */
@Tag(name = "Operations")
@Secured(Role.ADMIN_ROLE)
@Controller("/api/v1/admin/backup")
class BackupController {

    private static final Logger LOG = LoggerFactory.getLogger(BackupController.class);

    private final DatabaseBackup backup;
    private final CurrentUser current;

    BackupController(DatabaseBackup backup, CurrentUser current) {
        this.backup = backup;
        this.current = current;
    }

    @Post
    @Status(HttpStatus.CREATED)
    DatabaseBackup.BackupFile create() {
        DatabaseBackup.BackupFile file = backup.write();
        LOG.info("database backup written file={} bytes={} millis={} by={}", file.fileName(), file.sizeBytes(),
                file.durationMillis(), current.username().orElse("-"));
        return file;
    }
}
