package org.i4tracker.archive;

import java.util.Map;

/**
 * A feature's share of a region's archive ({@link RegionArchive}, {@link RegionArchiveImporter}): it writes CSV
 * files, by file name, about the regions, districts and firms of an export's scope only, in the layout its CSV
 * import reads, and reads the same files back into another instance.
 */
public interface RegionArchivePart {

    Map<String, String> files(RegionArchiveScope scope);

    /** Whether {@code fileName} is one of the files this part writes and reads back. */
    boolean reads(String fileName);

    /**
     * Parts read an archive back in ascending order of this number, so that what a file refers to (a region, a
     * district, a firm, a programme) is created before it: regions and districts 10, firms and links 20,
     * programmes and enrolments 30, adoptions 40, assessments 50.
     */
    int readOrder();

    /**
     * Checks made when the archive is uploaded, before any job runs; a {@code DomainException} refuses the whole
     * archive with its status (a region code that exists already: 409).
     */
    default void precheck(RegionArchiveImport archive) {
    }

    /**
     * Reads this part's files back, inside the import's one transaction, through {@link RegionArchiveImport#importFile};
     * records the ids it created in the archive's id maps for the parts after it.
     */
    void read(RegionArchiveImport archive);
}
