package org.i4tracker.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;

import java.util.Map;

/**
 * A region of a test class's own, made through the API: one district, its firms, one RTI that serves the firms it is
 * told to, and users who log in for real (their tokens are what the tests send). Codes carry the class's prefix so
 * that classes sharing a database never meet.
 */
public final class TestRegion {

    /** The password of every user a test region creates. */
    public static final String PASSWORD = "correct-horse-battery";

    private final HttpClient http;
    private final Api api;
    private final Users users;
    private final FirmAccess access;
    private final String prefix;
    private final String naceCode;
    public final long region;
    public final long district;
    public final long institute;

    /** A region {@code prefix} ("SA"), its district in {@code naceCode} and its RTI. */
    public TestRegion(HttpClient http, Users users, FirmAccess access, String prefix, String naceCode) {
        this.http = http;
        this.api = new Api(http);
        this.users = users;
        this.access = access;
        this.prefix = prefix;
        this.naceCode = naceCode;
        region = api.create("/api/v1/regions", "{\"code\":\"" + prefix + "\",\"name\":\"" + prefix + " region\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"" + prefix + " district\",\"naceCode\":\""
                + naceCode + "\"}");
        institute = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"" + prefix
                + " RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
    }

    public Api api() {
        return api;
    }

    /** A firm of the district, {@code code} prefixed ("A" → "SA-A"); the region's RTI serves it when {@code served}. */
    public long firm(String code, String name, int employees, boolean served) {
        long id = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + prefix + "-" + code + "\",\"name\":\""
                + name + "\",\"naceCode\":\"" + naceCode + "\",\"employees\":" + employees + "}");
        if (served) {
            access.assign(institute, id);
        }
        return id;
    }

    /** A firm user of {@code firm}; returns the access token of a real login. */
    public String firmUser(String username, long firm) {
        users.create(username, PASSWORD, Role.FIRM_USER, firm, null, null, "test");
        return api.token(username, PASSWORD);
    }

    /** An assessor of the region's RTI; returns the access token of a real login. */
    public String assessor(String username) {
        users.create(username, PASSWORD, Role.RTI_ASSESSOR, null, institute, null, "test");
        return api.token(username, PASSWORD);
    }

    /** An administrator; returns the access token of a real login. */
    public String admin(String username) {
        users.create(username, PASSWORD, Role.ADMIN, null, null, null, "test");
        return api.token(username, PASSWORD);
    }

    /** The JSON body of the answer to {@code request} sent with {@code token} (an error status throws). */
    public Map<String, Object> send(MutableHttpRequest<?> request, String token) {
        return http.toBlocking().retrieve(request.bearerAuth(token), Argument.mapOf(String.class, Object.class));
    }

    /** The status {@code request} sent with {@code token} is answered with, errors included. */
    public int status(MutableHttpRequest<?> request, String token) {
        return api.status(request.bearerAuth(token));
    }
}
