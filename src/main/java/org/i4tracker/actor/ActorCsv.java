package org.i4tracker.actor;

import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CSV layout of firms and links, shared by import and export so that an export can be
 * imported again. List cells (processes, certifications, technologies) separate entries with ';'.
 */
final class ActorCsv {

    static final List<String> FIRM_COLUMNS = List.of("districtId", "code", "name", "naceCode", "employees",
            "marketActor", "processes", "certifications", "technologies");
    static final Set<String> FIRM_REQUIRED = Set.of("districtId", "code", "name", "naceCode", "employees");
    static final List<String> LINK_COLUMNS = List.of("from", "to", "type", "knowledgeKind", "since", "until");
    static final Set<String> LINK_REQUIRED = Set.of("from", "to", "type", "since");

    private ActorCsv() {
    }

    static FirmRequest firm(CsvTable.Row row) {
        return new FirmRequest(longValue(row, "districtId"), row.get("code"), row.get("name"), row.get("naceCode"),
                intValue(row, "employees"), booleanValue(row, "marketActor"),
                new Capabilities(list(row.get("processes")), list(row.get("certifications")), list(row.get("technologies"))),
                null);
    }

    static Link link(CsvTable.Row row) {
        String kind = row.get("knowledgeKind");
        return new Link(null, ActorRef.parse(row.get("from"), "from"), ActorRef.parse(row.get("to"), "to"),
                enumValue(Link.Type.class, row.get("type"), "type"),
                kind == null ? null : enumValue(Link.KnowledgeKind.class, kind, "knowledgeKind"),
                date(row.get("since"), "since"), date(row.get("until"), "until"), null);
    }

    static List<String> firmCells(FirmView f) {
        return List.of(String.valueOf(f.districtId()), f.code(), f.name(), f.naceCode(), String.valueOf(f.employees()),
                String.valueOf(f.marketActor()), String.join(";", f.capabilities().processes()),
                String.join(";", f.capabilities().certifications()), String.join(";", f.capabilities().technologies()));
    }

    static List<String> linkCells(Link l) {
        return List.of(l.from().toString(), l.to().toString(), l.type().name(),
                l.knowledgeKind() == null ? "" : l.knowledgeKind().name(), l.since().toString(),
                l.until() == null ? "" : l.until().toString());
    }

    static String write(List<String> header, List<List<String>> rows) {
        return CsvTable.write(header, rows);
    }

    private static List<String> list(String cell) {
        if (cell == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
    }

    private static Long longValue(CsvTable.Row row, String column) {
        String v = row.get(column);
        try {
            return v == null ? null : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(column, "must be a whole number, got '" + v + "'");
        }
    }

    private static Integer intValue(CsvTable.Row row, String column) {
        Long v = longValue(row, column);
        Check.that(v == null || (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE), column, "is out of range");
        return v == null ? null : v.intValue();
    }

    private static Boolean booleanValue(CsvTable.Row row, String column) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        Check.that(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"), column, "must be true or false");
        return Boolean.parseBoolean(v);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String column) {
        Check.notNull(value, column);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(column, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static LocalDate date(String value, String column) {
        try {
            return value == null ? null : Check.date(LocalDate.parse(value), column);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(column, "must be a date as YYYY-MM-DD, got '" + value + "'");
        }
    }
}
