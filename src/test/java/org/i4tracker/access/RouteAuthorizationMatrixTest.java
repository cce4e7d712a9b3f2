package org.i4tracker.access;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix, generated from the router: every API route × every role (and no
 * token), with the firm user on its own and on another firm ({@link ObjectScopeMatrixTest} goes
 * object by object for every role). A new endpoint is covered the moment
 * it exists; one without {@code @Secured} fails the first assertion.
 *
 * <p>Expected: no token → 401; a role the route does not admit → 403; an admitted role → anything
 * but 401, 403 and 5xx (the dummy bodies may well be 400 or 404). Deletes and other writes address
 * ids that do not exist, so the matrix changes no data.
 */
@MicronautTest(transactional = false)
class RouteAuthorizationMatrixTest {

    private static final Set<String> PUBLIC = Set.of("/login", "/oauth/access_token", "/health", "/health/{selector}", "/prometheus",
            "/logout");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/?]+)}");
    private static final long MISSING = 987_654_321L;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Router router;
    @Inject
    Users users;
    @Inject
    FirmAccess access;

    private int status(MutableHttpRequest<?> request) {
        return new Api(http).status(request);
    }

    private String token(String username) {
        return new Api(http).token(username, AccessControlTest.PASSWORD);
    }

    @Test
    void everyRouteDeclaresItsRuleAndEnforcesItForEveryRole() {
        Api api = new Api(http);
        long region = api.create("/api/v1/regions", "{\"code\":\"MX\",\"name\":\"Matrix\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"23.31\"}");
        long own = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"OWN\",\"name\":\"Own\",\"naceCode\":\"23.31\",\"employees\":5}");
        long other = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"OTHER\",\"name\":\"Other\",\"naceCode\":\"23.31\",\"employees\":5}");
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
        access.assign(rti, other);
        // The agency may see `other` because it is enrolled in the agency's programme and consented.
        long programme = api.create("/api/v1/programmes", "{\"code\":\"MXP\",\"name\":\"Matrix programme\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}");
        long enrolment = api.create("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + other + ",\"enrolledOn\":\"2024-02-01\"}");
        api.put("/api/v1/programmes/" + programme + "/enrolments/" + enrolment + "/consent", "{\"granted\":true}");
        users.create("mx-admin", AccessControlTest.PASSWORD, Role.ADMIN, null, null, null, "test");
        users.create("mx-firm", AccessControlTest.PASSWORD, Role.FIRM_USER, own, null, null, "test");
        users.create("mx-rti", AccessControlTest.PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("mx-agency", AccessControlTest.PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(Role.ADMIN.name(), token("mx-admin"));
        tokens.put(Role.FIRM_USER.name(), token("mx-firm"));
        tokens.put(Role.RTI_ASSESSOR.name(), token("mx-rti"));
        tokens.put(Role.AGENCY_ANALYST.name(), token("mx-agency"));

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String template = route.getUriMatchTemplate().toPathString();
            if (PUBLIC.contains(template) || !template.startsWith("/api/")) {
                continue;
            }
            List<String> admitted = admittedRoles(route);
            if (admitted == null) {
                failures.add(route.getHttpMethod() + " " + template + " declares no @Secured rule");
                continue;
            }
            boolean firmRoute = template.startsWith("/api/v1/firms/{id}");
            boolean safe = route.getHttpMethod() == HttpMethod.GET || route.getHttpMethod() == HttpMethod.HEAD;
            String path = fill(template, safe ? other : MISSING);
            checked++;
            expect(failures, route, "no token", request(route, path, null), 401);
            for (var role : tokens.entrySet()) {
                boolean allowed = admitted.contains(SecurityRule.IS_AUTHENTICATED) || admitted.contains(role.getKey());
                String rolePath = path;
                if (firmRoute && role.getKey().equals(Role.FIRM_USER.name())) {
                    // A firm user is admitted to its own firm; another firm is answered as if it did not exist.
                    expect(failures, route, "FIRM_USER on another firm", request(route, fill(template, other), role.getValue()),
                            allowed ? 404 : 403);
                    rolePath = fill(template, safe ? own : MISSING);
                }
                int status = status(request(route, rolePath, role.getValue()));
                if (allowed && (status == 401 || status == 403 || status >= 500)) {
                    failures.add(route.getHttpMethod() + " " + rolePath + " as " + role.getKey() + ": admitted by the rule but got " + status);
                } else if (!allowed && status != 403) {
                    failures.add(route.getHttpMethod() + " " + rolePath + " as " + role.getKey() + ": expected 403, got " + status);
                }
            }
        }
        assertTrue(checked > 30, "the matrix covered " + checked + " routes");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private void expect(List<String> failures, UriRouteInfo<?, ?> route, String who, MutableHttpRequest<?> request, int expected) {
        int status = status(request);
        if (status != expected) {
            failures.add(route.getHttpMethod() + " " + request.getPath() + " " + who + ": expected " + expected + ", got " + status);
        }
    }

    static List<String> admittedRoles(UriRouteInfo<?, ?> route) {
        String[] method = route.getTargetMethod().getAnnotationMetadata().getDeclaredMetadata().stringValues(Secured.class);
        if (method.length > 0) {
            return Arrays.asList(method);
        }
        String[] type = route.getTargetMethod().getDeclaringType().getAnnotation(Secured.class) != null
                ? route.getTargetMethod().getDeclaringType().getAnnotation(Secured.class).value() : new String[0];
        return type.length > 0 ? Arrays.asList(type) : null;
    }

    private static String fill(String template, long id) {
        Matcher m = VARIABLE.matcher(template.replaceAll("\\{\\?[^}]*}", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(out, name.equals("year") ? "2024" : name.equals("v") || name.equals("version") ? "1.0.0" : String.valueOf(id));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A request the route accepts as to method and content type, with a dummy body. */
    private static MutableHttpRequest<?> request(UriRouteInfo<?, ?> route, String path, String token) {
        MediaType type = route.getConsumes().stream().findFirst().orElse(MediaType.APPLICATION_JSON_TYPE);
        String body = type.getName().equals("text/csv") || type.getName().equals("text/plain") ? "a,b\n" : "{}";
        MutableHttpRequest<?> request = switch (route.getHttpMethod()) {
            case GET -> HttpRequest.GET(path);
            case HEAD -> HttpRequest.HEAD(path);
            case DELETE -> HttpRequest.DELETE(path);
            default -> HttpRequest.create(route.getHttpMethod(), path).body(body).contentType(type);
        };
        return token == null ? request.header(TestAdminTokenFilter.ANONYMOUS, "1") : request.bearerAuth(token);
    }
}
