package org.i4tracker.demo;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.Institution;

/**
 * One user per role for the demo region (listed in the README), and RTI assignments so that each
 * district's institute serves its district's firms. These passwords exist only in
 * demo mode; a production start creates no user unless the bootstrap admin variables are set.
 */
@Singleton
class DemoUsersStep implements DemoStep {

    static final String PASSWORD = "demo-password";

    private final Users users;
    private final FirmAccess access;

    DemoUsersStep(Users users, FirmAccess access) {
        this.users = users;
        this.access = access;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void load(DemoRegion demo) {
        // Each district's technology institute serves the firms of its district.
        for (Institution rti : demo.institutions()) {
            if (rti.kind() == Institution.Kind.RTI) {
                demo.firms().stream().filter(f -> f.districtId().equals(rti.districtId())).forEach(f -> access.assign(rti.id(), f.id()));
            }
        }
        Institution inescop = demo.institutions().stream().filter(i -> i.kind() == Institution.Kind.RTI).findFirst().orElseThrow();
        Firm firm = demo.firms().stream().filter(f -> f.districtId().equals(inescop.districtId())).findFirst().orElseThrow();
        users.create("admin", PASSWORD, Role.ADMIN, null, null, null, "demo");
        users.create("assessor", PASSWORD, Role.RTI_ASSESSOR, null, inescop.id(), null, "demo");
        users.create("firm", PASSWORD, Role.FIRM_USER, firm.id(), null, null, "demo");
        users.create("agency", PASSWORD, Role.AGENCY_ANALYST, null, null, demo.agencyRegion().id(), "demo");
    }
}
