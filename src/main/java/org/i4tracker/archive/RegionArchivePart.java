package org.i4tracker.archive;

import java.util.Map;

/**
 * A feature's share of a region's export archive ({@link RegionArchive}): CSV files, by file name, about
 * the regions, districts and firms of the scope only. Each feature writes its own records in the layout
 * its CSV import reads, so that the archive can be imported again.
 */
public interface RegionArchivePart {

    Map<String, String> files(RegionArchiveScope scope);
}
