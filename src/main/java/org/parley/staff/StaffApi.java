package org.parley.staff;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.web.ApiAuth;
import org.parley.web.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API for staff accounts under {@code /api/staff}: create, list, read, change, set a
 * password. It takes the operator's API token, like every {@code /api} route, or the session of
 * a signed-in admin (with the CSRF header on changes). No answer ever holds a password hash.
 */
final class StaffApi {

    private final StaffService staff;
    private final StaffAuth auth;
    private final ApiAuth bearer;

    StaffApi(StaffService staff, StaffAuth auth, ApiAuth bearer) {
        this.staff = staff;
        this.auth = auth;
        this.bearer = bearer;
    }

    /**
     * Adds the routes. They answer before the general {@code /api} token check, which would
     * refuse an admin's session, so this must be called before that check is registered.
     */
    void routes(HttpRouting.Builder routing) {
        routing.any("/api/staff", this::gate)
                .any("/api/staff/*", this::gate)
                .post("/api/staff", this::create)
                .get("/api/staff", this::list)
                .get("/api/staff/{id}", this::read)
                .patch("/api/staff/{id}", this::update)
                .post("/api/staff/{id}/password", this::password);
    }

    /** The API token when one is sent; otherwise an admin's session; otherwise 401. */
    private void gate(ServerRequest req, ServerResponse res) {
        if (req.headers().contains(HeaderNames.AUTHORIZATION)
                || StaffAuth.token(req.headers()).isEmpty()) {
            bearer.handle(req, res);
            return;
        }
        StaffAuth.Check check = auth.check(req, Role.ADMIN);
        if (check instanceof StaffAuth.Refused refused) {
            refused.send(res);
            return;
        }
        res.next();
    }

    private void create(ServerRequest req, ServerResponse res) {
        StaffMember m = staff.create(StaffInput.newMember(req));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/api/staff/" + m.id());
        json(res, member(m));
    }

    private void list(ServerRequest req, ServerResponse res) {
        json(res, Map.of("staff", staff.list().stream().map(StaffApi::member).toList()));
    }

    private void read(ServerRequest req, ServerResponse res) {
        json(res, member(staff.get(id(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String id = id(req);
        staff.get(id);
        json(res, member(staff.update(id, StaffInput.changes(req))));
    }

    private void password(ServerRequest req, ServerResponse res) {
        String id = id(req);
        staff.get(id);
        json(res, member(staff.setPassword(id, StaffInput.password(req))));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    /** A member as the API and the pages' scripts show it: everything but the hash. */
    static Map<String, Object> member(StaffMember m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", m.id());
        body.put("email", m.email());
        body.put("displayName", m.displayName());
        body.put("roles", m.roleIds());
        body.put("languages", m.languages());
        body.put("clients", m.clients());
        body.put("active", m.active());
        body.put("hasPassword", m.hasPassword());
        body.put("createdAt", m.createdAt());
        body.put("updatedAt", m.updatedAt());
        return body;
    }

    static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
