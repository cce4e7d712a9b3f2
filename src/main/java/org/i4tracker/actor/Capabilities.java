package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import org.i4tracker.common.Check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a firm can do: processes it masters, certifications it holds and catalogue technologies
 * (by code) it has in use. Names are trimmed and de-duplicated.
 */
public record Capabilities(@Nullable List<String> processes,
                           @Nullable List<String> certifications,
                           @Nullable List<String> technologies) {

    public static final Capabilities NONE = new Capabilities(List.of(), List.of(), List.of());

    public Capabilities {
        processes = clean(processes, "capabilities.processes");
        certifications = clean(certifications, "capabilities.certifications");
        technologies = clean(technologies, "capabilities.technologies");
    }

    private static List<String> clean(List<String> names, String field) {
        if (names == null) {
            return List.of();
        }
        Check.that(names.size() <= 200, field, "must list at most 200 entries");
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            unique.add(Check.notBlank(names.get(i), field + "[" + i + "]", 200));
        }
        return List.copyOf(unique);
    }

    List<FirmCapability> rows(long firmId) {
        List<FirmCapability> rows = new ArrayList<>();
        processes.forEach(n -> rows.add(new FirmCapability(null, firmId, FirmCapability.Kind.PROCESS, n)));
        certifications.forEach(n -> rows.add(new FirmCapability(null, firmId, FirmCapability.Kind.CERTIFICATION, n)));
        technologies.forEach(n -> rows.add(new FirmCapability(null, firmId, FirmCapability.Kind.TECHNOLOGY, n)));
        return rows;
    }

    static Capabilities of(List<FirmCapability> rows) {
        List<String> p = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (FirmCapability row : rows) {
            switch (row.kind()) {
                case PROCESS -> p.add(row.name());
                case CERTIFICATION -> c.add(row.name());
                case TECHNOLOGY -> t.add(row.name());
            }
        }
        return new Capabilities(p, c, t);
    }
}
