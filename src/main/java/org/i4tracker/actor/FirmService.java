package org.i4tracker.actor;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.common.Check;
import org.i4tracker.common.Chunks;
import org.i4tracker.common.DomainException;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.technology.TechnologyCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates, changes and reads firms together with their capability profiles. */
@Singleton
public class FirmService {

    private static final Logger LOG = LoggerFactory.getLogger(FirmService.class);
    private static final int IDS_PER_QUERY = 1000;

    private final FirmRepository firms;
    private final FirmCapabilityRepository capabilities;
    private final DistrictRepository districts;
    private final TechnologyCatalogue technologies;

    FirmService(FirmRepository firms, FirmCapabilityRepository capabilities, DistrictRepository districts,
                TechnologyCatalogue technologies) {
        this.firms = firms;
        this.capabilities = capabilities;
        this.districts = districts;
        this.technologies = technologies;
    }

    public Firm require(long id) {
        return firms.findById(id).orElseThrow(() -> DomainException.notFound("firm", id));
    }

    /** Which of the ids name stored firms, {@value #IDS_PER_QUERY} ids per query. */
    public Set<Long> existing(Collection<Long> ids) {
        Set<Long> found = new HashSet<>();
        for (List<Long> chunk : Chunks.of(new ArrayList<>(ids), IDS_PER_QUERY)) {
            found.addAll(firms.findIdByIdIn(chunk));
        }
        return found;
    }

    /** The stored firms among the ids, by id, {@value #IDS_PER_QUERY} ids per query. */
    public Map<Long, Firm> byId(Collection<Long> ids) {
        Map<Long, Firm> found = new HashMap<>();
        for (List<Long> chunk : Chunks.of(new ArrayList<>(new HashSet<>(ids)), IDS_PER_QUERY)) {
            firms.findByIdIn(chunk).forEach(f -> found.put(f.id(), f));
        }
        return found;
    }

    /** The ids of the firms whose name or code contains the text, ignoring case (wildcards are taken literally). */
    public Set<Long> idsMatching(String text) {
        return new HashSet<>(firms.findIdsByNameOrCodeLike(FirmSearch.containing(text)));
    }

    public FirmView view(long id) {
        Firm firm = require(id);
        return FirmView.of(firm, Capabilities.of(capabilities.findByFirmIdOrderById(id)));
    }

    /** Views of the given firms in the given order, loading all their capabilities in one query. */
    public List<FirmView> views(List<Firm> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, List<FirmCapability>> byFirm = new LinkedHashMap<>();
        page.forEach(f -> byFirm.put(f.id(), new ArrayList<>()));
        capabilities.findByFirmIdInOrderById(byFirm.keySet()).forEach(c -> byFirm.get(c.firmId()).add(c));
        return page.stream().map(f -> FirmView.of(f, Capabilities.of(byFirm.get(f.id())))).toList();
    }

    @Transactional
    public FirmView create(Firm firm, Capabilities profile) {
        return FirmView.of(add(firm, profile), profile);
    }

    /** Stores a new firm with its capability profile and returns the stored entity. */
    @Transactional
    public Firm add(Firm firm, Capabilities profile) {
        checkReferences(firm, profile);
        if (firms.existsByDistrictIdAndCode(firm.districtId(), firm.code())) {
            throw DomainException.conflict("code", "district " + firm.districtId() + " already has a firm with code " + firm.code());
        }
        Firm saved = firms.save(firm);
        capabilities.saveAll(profile.rows(saved.id()));
        LOG.info("firm created id={} district={} code={}", saved.id(), saved.districtId(), saved.code());
        return saved;
    }

    @Transactional
    public FirmView update(long id, Firm firm, Capabilities profile) {
        require(id);
        Check.notNull(firm.version(), "version");
        checkReferences(firm, profile);
        if (firms.existsByDistrictIdAndCodeAndIdNotEqual(firm.districtId(), firm.code(), id)) {
            throw DomainException.conflict("code", "district " + firm.districtId() + " already has a firm with code " + firm.code());
        }
        Firm saved = firms.update(firm);
        capabilities.deleteByFirmId(id);
        capabilities.saveAll(profile.rows(id));
        LOG.info("firm updated id={} version={}", id, saved.version());
        return FirmView.of(saved, profile);
    }

    @Transactional
    public void delete(long id) {
        require(id);
        firms.deleteById(id);
        LOG.info("firm deleted id={}", id);
    }

    /** Checks that the district and every technology code exist; throws INVALID naming the field otherwise. */
    void checkReferences(Firm firm, Capabilities profile) {
        if (!districts.existsById(firm.districtId())) {
            throw DomainException.invalid("districtId", "district " + firm.districtId() + " does not exist");
        }
        List<String> codes = profile.technologies();
        for (int i = 0; i < codes.size(); i++) {
            technologies.require(codes.get(i), "capabilities.technologies[" + i + "]");
        }
    }
}
