package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.rollcall.events.CameraDefinition;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.User;
import org.rollcall.identity.org.OrgService;
import org.rollcall.identity.session.CurrentUser;

/** Live recognition: the browser's webcam streams to frame-ingest; names come back over /ws/live. */
@Path("/live")
@Produces(MediaType.TEXT_HTML)
public class LivePage {
    private final Template live;
    private final CurrentUser current;
    private final OrgService org;
    private final IdentityConfig config;

    public LivePage(@Location("live.html") Template live, CurrentUser current, OrgService org, IdentityConfig config) {
        this.live = live;
        this.current = current;
        this.org = org;
        this.config = config;
    }

    @GET
    public TemplateInstance page() {
        User u = current.require();
        var cameras = org.cameras(u.orgId).stream().filter(c -> c.enabled && CameraDefinition.Kind.BROWSER.name().equals(c.kind)).toList();
        return live.data("user", u).data("cameras", cameras).data("ingestUrl", config.ingestWebSocketUrl());
    }
}
