package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Stores links after checking that both ends exist. */
@Singleton
public class LinkService {

    private static final Logger LOG = LoggerFactory.getLogger(LinkService.class);

    private final ActorLinkRepository links;
    private final FirmRepository firms;
    private final InstitutionRepository institutions;

    LinkService(ActorLinkRepository links, FirmRepository firms, InstitutionRepository institutions) {
        this.links = links;
        this.firms = firms;
        this.institutions = institutions;
    }

    public Link require(long id) {
        return links.findById(id).map(ActorLink::toLink).orElseThrow(() -> DomainException.notFound("link", id));
    }

    public Link create(Link link) {
        checkEnds(link);
        Link saved = links.save(ActorLink.of(link)).toLink();
        LOG.info("link created id={} from={} to={} type={}", saved.id(), saved.from(), saved.to(), saved.type());
        return saved;
    }

    public Link update(long id, Link link) {
        require(id);
        Check.notNull(link.version(), "version");
        checkEnds(link);
        Link saved = links.update(ActorLink.of(link)).toLink();
        LOG.info("link updated id={} version={}", id, saved.version());
        return saved;
    }

    public void delete(long id) {
        require(id);
        links.deleteById(id);
        LOG.info("link deleted id={}", id);
    }

    /** Links that have at least one end at a firm of the district. */
    public List<Link> touchingDistrict(long districtId) {
        return links.findTouchingDistrict(districtId).stream().map(ActorLink::toLink).toList();
    }

    void checkEnds(Link link) {
        checkEnd(link.from(), "from");
        checkEnd(link.to(), "to");
    }

    private void checkEnd(ActorRef ref, String field) {
        boolean exists = ref.kind() == ActorRef.Kind.FIRM ? firms.existsById(ref.id()) : institutions.existsById(ref.id());
        Check.that(exists, field, ref.kind().name().toLowerCase() + " " + ref.id() + " does not exist");
    }
}
