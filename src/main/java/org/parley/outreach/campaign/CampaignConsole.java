package org.parley.outreach.campaign;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.client.ClientStore;
import org.parley.staff.Console;
import org.parley.staff.Role;
import org.parley.staff.StaffAuth;
import org.parley.staff.StaffMember;
import org.parley.web.Json;
import org.parley.web.Problems;
import org.parley.web.WebResources;

import java.util.List;
import java.util.Map;

/**
 * The campaigns page's own calls, for signed-in administrators and supervisors: the clients
 * the member may see, their campaigns, and one campaign's results. An administrator sees every
 * client; a supervisor the clients they serve.
 */
final class CampaignConsole {

    private final Campaigns campaigns;
    private final ClientStore clients;
    private final StaffAuth auth;

    CampaignConsole(Campaigns campaigns, ClientStore clients, StaffAuth auth) {
        this.campaigns = campaigns;
        this.clients = clients;
        this.auth = auth;
    }

    /** A client as the page lists it. */
    record Shown(String id, String name) {
    }

    void routes(HttpRouting.Builder routing) {
        routing.any("/campaigns/api/*", auth.require(Console.CAMPAIGNS))
                .get("/campaigns/api/clients", this::clients)
                .get("/campaigns/api/clients/{clientId}/campaigns", this::list)
                .get("/campaigns/api/clients/{clientId}/campaigns/{campaignId}/results",
                        this::results)
                .get("/campaigns/campaigns.js", (req, res) -> asset(res, "campaigns.js",
                        "text/javascript"))
                .get("/campaigns/campaigns.css", (req, res) -> asset(res, "campaigns.css",
                        "text/css"));
    }

    private void clients(ServerRequest req, ServerResponse res) {
        StaffMember m = StaffAuth.signedIn(req).member();
        List<Shown> shown = clients.all().stream().filter(c -> maySee(m, c.id()))
                .map(c -> new Shown(c.id(), c.name())).toList();
        send(res, Map.of("clients", shown));
    }

    private void list(ServerRequest req, ServerResponse res) {
        String clientId = clientId(req);
        if (clientId != null) {
            send(res, Map.of("campaigns", campaigns.all(clientId).stream()
                    .map(Campaigns::json).toList()));
        } else {
            refuse(res);
        }
    }

    private void results(ServerRequest req, ServerResponse res) {
        String clientId = clientId(req);
        if (clientId != null) {
            send(res, campaigns.results(clientId,
                    req.path().pathParameters().get("campaignId")));
        } else {
            refuse(res);
        }
    }

    /** The client in the path when the member may see it, else null. */
    private String clientId(ServerRequest req) {
        String clientId = req.path().pathParameters().get("clientId");
        return maySee(StaffAuth.signedIn(req).member(), clientId) ? clientId : null;
    }

    private static boolean maySee(StaffMember m, String clientId) {
        return m.hasAny(Role.ADMIN) || m.clients().contains(clientId);
    }

    private static void refuse(ServerResponse res) {
        Problems.send(res, Status.FORBIDDEN_403, "not_your_client", "You do not serve this "
                + "client; an administrator can add it to your clients");
    }

    private static void send(ServerResponse res, Object body) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }

    private static void asset(ServerResponse res, String file, String type) {
        res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.send(WebResources.text(file));
    }
}
