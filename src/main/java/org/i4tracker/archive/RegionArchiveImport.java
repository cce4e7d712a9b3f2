package org.i4tracker.archive;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.JobProgress;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One archive being read back ({@link RegionArchiveImporter}): its files, the maps from the exporting instance's ids
 * to the ids created here, and the report. Parts import their files through {@link #importFile}, which replaces
 * the exported ids of the named columns and hands the CSV to the feature's import ({@code CsvImports}, atomic).
 * Reading stops at the first file with a problem (the files after it would only repeat it as unknown ids); the
 * importer then rolls the whole transaction back.
 */
public final class RegionArchiveImport {

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    /** Ids of one kind in the archive (as text) mapped to the ids created by this import. */
    public static final class IdMap {
        private final Map<String, Long> ids = new HashMap<>();

        public void put(String exported, long created) {
            ids.put(exported, created);
        }

        /** The id created for {@code exported}, null when the archive has no such row. */
        public Long get(String exported) {
            return exported == null ? null : ids.get(exported);
        }

        /** A cell mapping for {@link #importFile}: the new id as text, null for an id the archive does not have. */
        public UnaryOperator<String> cells() {
            return cell -> {
                Long id = ids.get(cell);
                return id == null ? null : id.toString();
            };
        }
    }

    /** A problem in one file of the archive: its line (1 = the header), column (null when it names none) and reason. */
    public record FileError(String file, long line, String field, String message) {
    }

    /**
     * The job's result: the new top region's id (null when nothing was written), rows read, rows written, and per file
     * the rows written. Every import of an archive is atomic: {@code written} is 0 whenever there are errors.
     */
    public record Report(Long regionId, int rows, int written, boolean atomic, boolean cancelled, Map<String, Integer> files,
                         List<FileError> errors) {
        public Report {
            files = Map.copyOf(files);
            errors = List.copyOf(errors);
        }
    }

    private final Map<String, byte[]> files;
    private final String user;
    private final int maxRows;
    private final JobProgress progress;
    private final IdMap regions = new IdMap();
    private final IdMap districts = new IdMap();
    private final IdMap firms = new IdMap();
    private final IdMap programmes = new IdMap();
    private final List<FileError> errors = new ArrayList<>();
    private final Map<String, Integer> written = new TreeMap<>();
    private int rows;
    private boolean cancelled;
    private Long regionId;

    RegionArchiveImport(Map<String, byte[]> files, String user, int maxRows, JobProgress progress) {
        this.files = new TreeMap<>(files);
        this.user = user;
        this.maxRows = maxRows;
        this.progress = progress;
    }

    public IdMap regions() {
        return regions;
    }

    public IdMap districts() {
        return districts;
    }

    public IdMap firms() {
        return firms;
    }

    public IdMap programmes() {
        return programmes;
    }

    /** The administrator who imports: the assessor of the imported assessments. */
    public String user() {
        return user;
    }

    /** The archive's file names, in name order. */
    public Set<String> fileNames() {
        return new TreeSet<>(files.keySet());
    }

    /** Sets the id of the region the archive was exported from, as created here. */
    public void regionCreated(long id) {
        if (regionId == null) {
            regionId = id;
        }
    }

    /** Whether reading has stopped: a file had problems, or the job was cancelled. */
    public boolean stopped() {
        return cancelled || !errors.isEmpty();
    }

    /** Records a problem of a whole file (line 0, no column): reading stops. */
    public void reject(String file, String message) {
        errors.add(new FileError(file, 0, null, message));
    }

    /**
     * Reads {@code file} as the import's CSV (a 400 naming the file when it is missing, unreadable or has wrong columns);
     * for the checks at upload ({@link RegionArchivePart#precheck}).
     */
    public CsvTable parse(String file, Set<String> required, Set<String> known) {
        byte[] bytes = files.get(file);
        if (bytes == null) {
            throw DomainException.invalid("archive", "the archive has no " + file);
        }
        try {
            return CsvTable.parse(bytes, required, known, maxRows);
        } catch (DomainException e) {
            throw DomainException.invalid(file, e.getMessage());
        }
    }

    /**
     * Imports {@code file} if the archive has it and reading has not stopped: its cells in the {@code ids} columns are
     * replaced by {@link IdMap#cells} (an id the archive does not hold is an error naming line and column), and the
     * rewritten CSV goes to {@code run}, the feature's atomic import; its row errors are reported with the file name.
     */
    public void importFile(String file, Set<String> required, Set<String> known, Map<String, UnaryOperator<String>> ids,
                           BiFunction<CsvTable, JobProgress, ImportReport> run) {
        CsvTable table = table(file, required, known);
        if (table == null) {
            return;
        }
        if (!ids.isEmpty() && !table.rows().isEmpty()) {
            List<String> header = table.rows().get(0).record().getParser().getHeaderNames();
            List<List<String>> cells = new ArrayList<>();
            for (CsvTable.Row row : table.rows()) {
                List<String> out = new ArrayList<>(header.size());
                for (String column : header) {
                    String cell = row.get(column);
                    UnaryOperator<String> map = ids.get(column);
                    String mapped = cell == null || map == null ? cell : map.apply(cell);
                    if (cell != null && mapped == null) {
                        errors.add(new FileError(file, row.line(), column, "'" + cell + "' names no row of this archive"));
                    }
                    out.add(mapped);
                }
                cells.add(out);
            }
            if (!errors.isEmpty()) {
                return;
            }
            table = CsvTable.parse(CsvTable.write(header, cells), required, known, maxRows);
        }
        ImportReport report = run.apply(table, new FileProgress());
        rows += report.rows();
        report.errors().forEach(e -> errors.add(new FileError(file, e.line(), e.field(), e.message())));
        cancelled |= report.cancelled();
        written.put(file, report.written());
    }

    /**
     * Reads {@code file} row by row without writing (a file of id mappings, not counted in the report's rows); a
     * {@link DomainException} of {@code row} is an error of that line.
     */
    public void readRows(String file, Set<String> required, Set<String> known, Consumer<CsvTable.Row> row) {
        CsvTable table = table(file, required, known);
        if (table == null) {
            return;
        }
        for (CsvTable.Row r : table.rows()) {
            try {
                row.accept(r);
            } catch (DomainException e) {
                ImportReport.RowError.of(r.line(), e, f -> f).forEach(err -> errors.add(new FileError(file, err.line(), err.field(), err.message())));
            }
            progress.advance(2);
        }
    }

    private CsvTable table(String file, Set<String> required, Set<String> known) {
        byte[] bytes = files.get(file);
        if (bytes == null || stopped()) {
            return null;
        }
        if (progress.cancelled()) {
            cancelled = true;
            return null;
        }
        try {
            return CsvTable.parse(bytes, required, known, maxRows);
        } catch (DomainException e) {
            ImportReport.RowError.of(0, e, f -> f).forEach(err -> errors.add(new FileError(file, lineOf(err), err.field(), err.message())));
            return null;
        }
    }

    /** A header error is line 1; a body error names its line in its message. */
    private static long lineOf(ImportReport.RowError error) {
        if ("header".equals(error.field())) {
            return 1;
        }
        Matcher m = LINE.matcher(error.message());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The number of CSV records (data rows) of every file, for the job's total; 0 for a file that is not CSV. */
    long dataRows() {
        long n = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().endsWith(".csv")) {
                continue;
            }
            try (CSVParser parser = CSVParser.parse(new StringReader(new String(file.getValue(), StandardCharsets.UTF_8)),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).build())) {
                for (var ignored : parser) {
                    n++;
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                // an unreadable file is reported when its part reads it; it only counts for nothing here
            }
        }
        return n;
    }

    Report report() {
        boolean clean = errors.isEmpty() && !cancelled;
        int total = clean ? written.values().stream().mapToInt(Integer::intValue).sum() : 0;
        Map<String, Integer> perFile = new TreeMap<>();
        written.forEach((file, n) -> perFile.put(file, clean ? n : 0));
        return new Report(clean ? regionId : null, rows, total, true, cancelled, perFile, errors);
    }

    /** One file's import reports into the archive's progress: its own total is part of the archive's. */
    private final class FileProgress implements JobProgress {
        @Override
        public void total(long total) {
            // the archive's total was set from every file's rows before the first file was read
        }

        @Override
        public void advance(long n) {
            progress.advance(n);
        }

        @Override
        public boolean cancelled() {
            return progress.cancelled();
        }
    }
}
