package org.i4tracker.archive;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.FirmDirectory;
import org.i4tracker.access.RegionDirectory;
import org.i4tracker.common.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The export of a whole region as one zip of CSV files, so that an agency can leave or move between
 * instances: the region and its sub-regions, their districts, and of the firms there exactly those the
 * caller may see (an administrator all of them, an agency analyst the consented ones: the export never
 * widens {@link FirmAccess}), with their links, validated assessments and answers, adoptions, and the
 * region's programmes with the enrolments of those firms. Files are written by the features
 * ({@link RegionArchivePart}); {@code README.txt} in the archive lists them and the order of import.
 */
@Singleton
public class RegionArchive {

    static final String README = """
            i4-tracker region export. CSV files, UTF-8, RFC 4180. Ids are those of the exporting instance.
            Import into another instance in one step: POST this zip to /api/v1/regions/import (administrators).
            Or file by file, in this order:
            1. regions.csv, districts.csv: create the regions and districts (API /api/v1/regions, /api/v1/districts);
               note the new district ids.
            2. firms.csv: replace districtId by the new district id, POST to /api/v1/imports/firms.
               firm-ids.csv maps each exported firmId to its districtId and code, which find the new firm id.
            3. links.csv (FIRM:<id> ends), adoptions.csv, assessments-<model>-<version>.csv (firmId): replace the
               firm ids, POST to /api/v1/imports/links, /api/v1/imports/adoptions,
               /api/v1/assessments/import?model=<model>&version=<version>.
            4. programmes.csv, enrolments.csv: recreate through /api/v1/programmes and their enrolments
               (before adoptions.csv when its programmeId cells are set).
            See docs/operations.md.
            """;

    private static final Logger LOG = LoggerFactory.getLogger(RegionArchive.class);

    private final RegionDirectory regions;
    private final FirmDirectory firms;
    private final FirmAccess access;
    private final List<RegionArchivePart> parts;

    RegionArchive(RegionDirectory regions, FirmDirectory firms, FirmAccess access, List<RegionArchivePart> parts) {
        this.regions = regions;
        this.firms = firms;
        this.access = access;
        this.parts = parts;
    }

    /**
     * The scope of an export of {@code regionId} by the current user: 404 for no such region (regions are public,
     * as {@code GET /api/v1/regions} shows), 403 for a region the user does not manage.
     */
    RegionArchiveScope scope(long regionId) {
        Set<Long> regionIds = regions.regionAndDescendants(regionId);
        if (regionIds.isEmpty()) {
            throw DomainException.notFound("region", regionId);
        }
        access.requireRegion(regionId);
        Set<Long> districtIds = regions.districtsOf(regionIds);
        LongPredicate visible = access.visibility();
        Set<Long> firmIds = firms.firmsInDistricts(districtIds).stream().filter(visible::test).collect(Collectors.toSet());
        return new RegionArchiveScope(regionId, regionIds, districtIds, firmIds);
    }

    /** The zip of every part's files, in file name order, with the README first. */
    byte[] zip(RegionArchiveScope scope, String user) {
        Map<String, String> files = new TreeMap<>();
        for (RegionArchivePart part : parts) {
            part.files(scope).forEach((name, content) -> {
                if (files.put(name, content) != null) {
                    throw new IllegalStateException("two archive parts write " + name);
                }
            });
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            add(zip, "README.txt", README);
            for (Map.Entry<String, String> file : files.entrySet()) {
                add(zip, file.getKey(), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("region exported region={} regions={} districts={} firms={} files={} bytes={} by={}", scope.regionId(),
                scope.regionIds().size(), scope.districtIds().size(), scope.firmIds().size(), files.size(), bytes.size(), user);
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
