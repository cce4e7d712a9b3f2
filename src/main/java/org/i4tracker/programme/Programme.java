package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A place-based digitisation programme run by a regional agency with RTIs (seeds 002, 003).
 * A district adaptation has a {@code parentId} (the regional base programme) and the
 * {@code districtId} it is adapted to; a base programme has neither. Co-funding shares are
 * percentages of a supported project's cost borne by the public purse and by the firm; they
 * add up to 100.
 */
@MappedEntity("programme")
public record Programme(@Id @GeneratedValue @Nullable Long id,
                        String code,
                        String name,
                        @Nullable String description,
                        Long regionId,
                        @Nullable Long parentId,
                        @Nullable Long districtId,
                        LocalDate startsOn,
                        @Nullable LocalDate endsOn,
                        @Nullable LocalDate enrolFrom,
                        @Nullable LocalDate enrolUntil,
                        BigDecimal publicShare,
                        BigDecimal firmShare,
                        @Version @Nullable Long version) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Programme {
        code = Check.notBlank(code, "code", 64);
        Check.that(code.matches("[A-Za-z0-9_.-]+"), "code", "may contain only letters, digits, '.', '_' and '-'");
        name = Check.notBlank(name, "name", 200);
        description = Check.optionalText(description, "description", 4000);
        Check.notNull(regionId, "regionId");
        Check.that((parentId == null) == (districtId == null), parentId == null ? "parentId" : "districtId",
                "a district adaptation needs both parentId (the base programme) and districtId");
        Check.that(parentId == null || !parentId.equals(id), "parentId", "a programme cannot adapt itself");
        Check.notNull(startsOn, "startsOn");
        Check.that(endsOn == null || !endsOn.isBefore(startsOn), "endsOn", "must not be before startsOn");
        publicShare = share(publicShare, "coFunding.publicShare");
        firmShare = share(firmShare, "coFunding.firmShare");
        Check.that(publicShare.add(firmShare).compareTo(HUNDRED) == 0, "coFunding",
                "publicShare + firmShare must be 100 (got " + publicShare.add(firmShare).toPlainString() + ")");
    }

    private static BigDecimal share(BigDecimal value, String field) {
        Check.notNull(value, field);
        Check.that(value.signum() >= 0 && value.compareTo(HUNDRED) <= 0, field, "must be between 0 and 100 percent");
        Check.that(value.stripTrailingZeros().scale() <= 2, field, "may have at most 2 decimals");
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    public boolean isAdaptation() {
        return parentId != null;
    }
}
