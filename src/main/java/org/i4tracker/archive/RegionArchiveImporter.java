package org.i4tracker.archive;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;
import org.i4tracker.job.JobProgress;
import org.i4tracker.job.JobView;
import org.i4tracker.job.Jobs;
import org.i4tracker.storage.SqlFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code POST /api/v1/regions/import}: reads a region archive ({@link RegionArchive}) back in one step, as a job.
 * <p>
 * At upload the zip is read in memory with bounds — at most {@code i4.archive.import.max-entries} entries (64) and
 * {@code i4.archive.import.max-bytes} (64 MB) uncompressed in total, counted while inflating, whatever the entries
 * claim — and only the names an export writes are accepted (README.txt and the parts' files; no folders, so no
 * path can leave the archive). Then the parts' {@link RegionArchivePart#precheck} refuse what can be refused at
 * once (a region code that exists: 409).
 * <p>
 * The job reads the parts in their {@link RegionArchivePart#readOrder} inside <b>one transaction</b>: regions,
 * districts, firms (exported ids mapped to new ones by district and firm code), links, programmes, enrolments,
 * adoptions and assessments (checked, scored again by the model). The first file with a problem stops the reading
 * and rolls everything back; a cancelled job rolls back too: a region is imported whole or not at all. The job's
 * progress is written in transactions of its own, so that it shows while the import's transaction is open.
 */
@Singleton
public class RegionArchiveImporter {

    private static final Logger LOG = LoggerFactory.getLogger(RegionArchiveImporter.class);
    static final String README = "README.txt";
    private static final int MAX_ROWS_PER_FILE = 200_000;
    private static final long PROGRESS_PERIOD_NANOS = 250_000_000L;

    private final List<RegionArchivePart> parts;
    private final Jobs jobs;
    private final TransactionOperations<Connection> transactions;
    private final int maxEntries;
    private final long maxBytes;

    RegionArchiveImporter(List<RegionArchivePart> parts, Jobs jobs, TransactionOperations<Connection> transactions,
                          @Value("${i4.archive.import.max-entries:64}") int maxEntries,
                          @Value("${i4.archive.import.max-bytes:67108864}") long maxBytes) {
        this.parts = parts.stream().sorted(Comparator.comparingInt(RegionArchivePart::readOrder)).toList();
        this.jobs = jobs;
        this.transactions = transactions;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Checks the archive and queues its import; 400 for a malformed archive, 409 for a region code that exists. */
    JobView submit(byte[] zip, String user) {
        Map<String, byte[]> files = unzip(zip);
        RegionArchiveImport check = new RegionArchiveImport(files, user, MAX_ROWS_PER_FILE, JobProgress.UNOBSERVED);
        parts.forEach(p -> p.precheck(check));
        return jobs.submit("import-region", user, progress -> run(files, user, progress));
    }

    private RegionArchiveImport.Report run(Map<String, byte[]> files, String user, JobProgress jobProgress) {
        JobProgress progress = new OwnTransactionProgress(jobProgress);
        RegionArchiveImport archive = new RegionArchiveImport(files, user, MAX_ROWS_PER_FILE, progress);
        progress.total(2 * archive.dataRows());
        try {
            transactions.executeWrite(status -> {
                for (RegionArchivePart part : parts) {
                    part.read(archive);
                }
                if (archive.stopped()) {
                    throw new RolledBack();
                }
                return null;
            });
        } catch (RolledBack e) {
            // the report says why; nothing of the archive was written
        } catch (RuntimeException e) {
            if (!SqlFailure.state(e).filter(SqlFailure.UNIQUE_VIOLATION::equals).isPresent()) {
                throw e;
            }
            // Two imports of the same archive passed the check at upload together; the database's unique codes stopped
            // the later one, and its transaction rolled back.
            archive.reject("regions.csv", "a region, district, firm or programme code of this archive was imported meanwhile by"
                    + " another job; nothing of this archive was written");
        }
        RegionArchiveImport.Report report = archive.report();
        LOG.info("region archive imported region={} rows={} written={} errors={} cancelled={} by={}", report.regionId(), report.rows(),
                report.written(), report.errors().size(), report.cancelled(), user);
        return report;
    }

    /** Thrown out of the import's transaction to roll it back once the report holds the reason. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("region archive import rolled back", null, false, false);
        }
    }

    /** The zip's files by name, within the bounds; a {@link DomainException} (400) names what is wrong. */
    Map<String, byte[]> unzip(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw DomainException.invalid("archive", "the request has no zip archive");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                if (files.size() >= maxEntries) {
                    throw DomainException.invalid("archive", "more than " + maxEntries + " entries");
                }
                if (entry.isDirectory() || !known(name)) {
                    throw DomainException.invalid("archive", "unknown entry '" + printable(name) + "'; an archive holds only "
                            + README + " and the CSV files of a region export");
                }
                if (files.containsKey(name)) {
                    throw DomainException.invalid("archive", "entry '" + name + "' appears twice");
                }
                byte[] content = readBounded(in, maxBytes - total);
                total += content.length;
                files.put(name, content);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw DomainException.invalid("archive", "not a readable zip archive: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw DomainException.invalid("archive", "not a zip archive, or an empty one");
        }
        files.remove(README);
        return files;
    }

    private boolean known(String name) {
        return name.equals(README) || parts.stream().anyMatch(p -> p.reads(name));
    }

    /** An entry's bytes, refusing the archive once the uncompressed total would pass its bound. */
    private byte[] readBounded(InputStream in, long allowed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (out.size() + (long) n > allowed) {
                throw DomainException.invalid("archive", "more than " + maxBytes + " bytes uncompressed");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "…" : cleaned;
    }

    /**
     * The job's progress written in a transaction of its own, at most every 250 ms: inside the import's transaction it
     * would show nobody anything until the end, and hold the job's row locked against a cancel request.
     */
    private final class OwnTransactionProgress implements JobProgress {
        private final JobProgress job;
        private long pending;
        private long lastNanos = System.nanoTime();
        private long askedNanos = System.nanoTime() - PROGRESS_PERIOD_NANOS;
        private boolean cancelled;

        OwnTransactionProgress(JobProgress job) {
            this.job = job;
        }

        @Override
        public synchronized void total(long total) {
            own(() -> job.total(total));
        }

        @Override
        public synchronized void advance(long n) {
            pending += n;
            if (System.nanoTime() - lastNanos >= PROGRESS_PERIOD_NANOS) {
                long done = pending;
                pending = 0;
                own(() -> job.advance(done));
                lastNanos = System.nanoTime();
            }
        }

        @Override
        public synchronized boolean cancelled() {
            if (!cancelled && System.nanoTime() - askedNanos >= PROGRESS_PERIOD_NANOS) {
                askedNanos = System.nanoTime();
                boolean[] asked = {false};
                own(() -> asked[0] = job.cancelled());
                cancelled = asked[0];
            }
            return cancelled;
        }

        private void own(Runnable work) {
            transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
                work.run();
                return null;
            });
        }
    }
}
