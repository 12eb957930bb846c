package org.rollcall.identity.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.AccountService;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.User;
import org.rollcall.identity.enroll.ConsentText;
import org.rollcall.identity.enroll.EnrollmentService;
import org.rollcall.identity.erasure.ErasureRequests;
import org.rollcall.identity.session.CurrentUser;

/**
 * People of the organization (admin) and enrollment: a person's photos with consent, the
 * enrollment result, and erasure. Members reach the same enrollment and erasure for themselves.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PeoplePages {
    private final Template people;
    private final Template person;
    private final CurrentUser current;
    private final AccountService accounts;
    private final EnrollmentService enrollment;
    private final IdentityConfig config;
    private final ErasureRequests erasures;
    private final org.rollcall.identity.enroll.Reindex reindex;
    /** The request body limit, which the photo form checks before it sends (upload-limits.js). */
    private final long maxBodyBytes;

    public PeoplePages(@Location("people.html") Template people, @Location("person.html") Template person, CurrentUser current,
            AccountService accounts, EnrollmentService enrollment, IdentityConfig config, ErasureRequests erasures,
            org.rollcall.identity.enroll.Reindex reindex) {
        this.reindex = reindex;
        this.maxBodyBytes = config.maxRequestBytes();
        this.config = config;
        this.erasures = erasures;
        this.people = people;
        this.person = person;
        this.current = current;
        this.accounts = accounts;
        this.enrollment = enrollment;
    }

    @GET
    @Path("people")
    public TemplateInstance list() {
        User u = current.requireAdmin();
        return page(u, Map.of(), Map.of(), null);
    }

    private TemplateInstance page(User u, Map<String, String> errors, Map<String, String> form, String inviteLink) {
        return page(u, errors, form, inviteLink, null);
    }

    private TemplateInstance page(User u, Map<String, String> errors, Map<String, String> form, String inviteLink, String apiKey) {
        return people.data("user", u).data("people", User.list("orgId", io.quarkus.panache.common.Sort.by("displayName"), u.orgId))
                .data("errors", errors).data("form", form).data("inviteLink", inviteLink).data("apiKey", apiKey)
                .data("apiKeys", accounts.apiKeys(u.orgId)).data("reindex", reindex.progress(u.orgId));
    }

    /** Re-creates the organization's face templates from its photos (after a model or setting change). */
    @POST
    @Path("people/reindex")
    public Response reindex() {
        User u = current.requireAdmin();
        reindex.start(u.orgId, u.id);
        return Response.seeOther(URI.create("/people#templates")).build();
    }

    @POST
    @Path("people/api-keys/{id}/revoke")
    public Response revokeApiKey(@PathParam("id") String id) {
        User u = current.requireAdmin();
        accounts.revokeApiKey(u.orgId, id, u.id);
        return Response.seeOther(URI.create("/people")).build();
    }

    @POST
    @Path("people/api-keys")
    public Response apiKey(@RestForm String keyName, @RestForm("scope") java.util.List<String> scopes) {
        User u = current.requireAdmin();
        try {
            return html(200, page(u, Map.of(), Map.of(), null, accounts.createApiKey(u.orgId, keyName, scopes, u.id)));
        } catch (InvalidInput e) {
            return html(400, page(u, e.errors(), Map.of(), null));
        }
    }

    @POST
    @Path("people")
    public Response create(@RestForm String displayName, @RestForm String email, @RestForm String password, @RestForm String role) {
        User u = current.requireAdmin();
        try {
            User created = accounts.createMember(u.orgId, displayName, email, password,
                    "ADMIN".equals(role) ? User.Role.ADMIN : User.Role.MEMBER, u.id);
            return Response.seeOther(URI.create("/people/" + created.id)).build();
        } catch (InvalidInput e) {
            return html(400, page(u, e.errors(), Map.of("displayName", nz(displayName), "email", nz(email)), null));
        }
    }

    @POST
    @Path("people/invite")
    public Response invite(@RestForm String role, @RestForm String email) {
        User u = current.requireAdmin();
        try {
            String secret = accounts.invite(u.orgId, "ADMIN".equals(role) ? User.Role.ADMIN : User.Role.MEMBER, email, u.id);
            return html(200, page(u, Map.of(), Map.of(), "/invite/" + secret));
        } catch (InvalidInput e) {
            return html(400, page(u, Map.of("inviteEmail", e.errors().getOrDefault("email", "Enter their email.")),
                    Map.of("inviteEmail", email == null ? "" : email), null));
        }
    }

    @POST
    @Path("people/{id}/enabled")
    public Response enable(@PathParam("id") String id, @RestForm String enabled) {
        User u = current.requireAdmin();
        if (id.equals(u.id)) {
            throw new NotFoundException();
        }
        accounts.setEnabled(u.orgId, id, "true".equals(enabled), u.id);
        return Response.seeOther(URI.create("/people")).build();
    }

    @GET
    @Path("people/{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        User u = current.requireAdmin();
        return personPage(u, target(u, id), Map.of(), null);
    }

    @POST
    @Path("people/{id}/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("id") String id, @RestForm("photo") List<FileUpload> photos, @RestForm String consent,
            @RestForm String consentVersion) {
        User u = current.requireAdmin();
        return enroll(u, target(u, id), photos, consent, consentVersion);
    }

    @POST
    @Path("people/{id}/photos/{photoId}/approve")
    public Response approve(@PathParam("id") String id, @PathParam("photoId") String photoId) {
        User u = current.requireAdmin();
        User t = target(u, id);
        EnrollmentService.Result r = enrollment.approve(u.orgId, photoId, u.id);
        return html(r.enrolled() ? 200 : 422, personPage(u, t, Map.of(), List.of(r)));
    }

    @POST
    @Path("people/{id}/photos/{photoId}/reject")
    public Response reject(@PathParam("id") String id, @PathParam("photoId") String photoId) {
        User u = current.requireAdmin();
        User t = target(u, id);
        enrollment.reject(u.orgId, photoId, u.id);
        return Response.seeOther(URI.create("/people/" + t.id)).build();
    }

    /** Erasure cannot be undone: the form's box must be ticked (a mis-click erases nothing). */
    static final String ERASE_UNCONFIRMED = "Tick the box to confirm: erased photos and templates cannot be recovered.";

    @POST
    @Path("people/{id}/erase")
    public Response erase(@PathParam("id") String id, @RestForm String attendance, @RestForm String confirm) {
        User u = current.requireAdmin();
        User t = target(u, id);
        if (!"on".equals(confirm)) {
            return html(400, personPage(u, t, Map.of("erase", ERASE_UNCONFIRMED), null));
        }
        erasures.request(u.orgId, t.id, "on".equals(attendance), u.id);
        return Response.seeOther(URI.create("/people/" + t.id)).build();
    }

    @GET
    @Path("me/photos")
    public TemplateInstance myPhotos() {
        User u = current.require();
        return personPage(u, u, Map.of(), null);
    }

    @POST
    @Path("me/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadMine(@RestForm("photo") List<FileUpload> photos, @RestForm String consent, @RestForm String consentVersion) {
        User u = current.require();
        return enroll(u, u, photos, consent, consentVersion);
    }

    @POST
    @Path("me/erase")
    public Response eraseMine(@RestForm String attendance, @RestForm String confirm) {
        User u = current.require();
        if (!"on".equals(confirm)) {
            return html(400, personPage(u, u, Map.of("erase", ERASE_UNCONFIRMED), null));
        }
        erasures.request(u.orgId, u.id, "on".equals(attendance), u.id);
        return Response.seeOther(URI.create("/me/photos")).build();
    }

    private Response enroll(User actor, User target, List<FileUpload> photos, String consent, String consentVersion) {
        if (erasures.pending(actor.orgId, target.id)) {
            // recognition would tombstone whatever templates exist when it applies the erasure
            return html(409, personPage(actor, target, Map.of("photo", "The erasure of this person's data is still pending; enroll again once it is complete."), null));
        }
        try {
            List<EnrollmentService.Upload> uploads = new ArrayList<>();
            for (FileUpload f : photos == null ? List.<FileUpload>of() : photos) {
                // a file input left empty still sends a part with no name and no bytes
                if (f.size() > 0 || (f.fileName() != null && !f.fileName().isBlank())) {
                    uploads.add(new EnrollmentService.Upload(f.fileName() == null || f.fileName().isBlank() ? "photo" : f.fileName(),
                            Files.readAllBytes(f.uploadedFile())));
                }
            }
            ConsentText.Consent given = !"on".equals(consent) ? null : ConsentText.given(consentVersion, actor.id.equals(target.id)
                    ? "given by the person on the portal's enrollment form"
                    : "confirmed by an administrator on the portal's enrollment form, on the person's behalf");
            // a member's own photos wait for an administrator: nobody enrolls a colleague's face as themselves unseen
            List<EnrollmentService.Result> results = actor.role == User.Role.ADMIN
                    ? enrollment.enrollAll(actor.orgId, target.id, uploads, given, actor.id)
                    : enrollment.submitForApproval(actor.orgId, target.id, uploads, given, actor.id);
            boolean any = results.stream().anyMatch(r -> r.enrolled() || "pending".equals(r.reason()));
            return html(any ? 200 : 422, personPage(actor, target, Map.of(), results));
        } catch (InvalidInput e) {
            return html(400, personPage(actor, target, e.errors(), null));
        } catch (org.rollcall.identity.quota.QuotaExceeded e) {
            return html(429, personPage(actor, target, Map.of("photo", e.getMessage()), null));
        } catch (IOException e) {
            return html(400, personPage(actor, target, Map.of("photo", "The upload could not be read."), null));
        }
    }

    private TemplateInstance personPage(User actor, User target, Map<String, String> errors, List<EnrollmentService.Result> results) {
        long enrolled = results == null ? 0 : results.stream().filter(EnrollmentService.Result::enrolled).count();
        return person.data("user", actor).data("person", target).data("self", actor.id.equals(target.id))
                .data("photos", enrollment.photos(actor.orgId, target.id)).data("errors", errors).data("results", results)
                .data("enrolledCount", enrolled).data("maxPhotos", config.maxPhotosPerEnrollment())
                .data("maxPhotoBytes", config.maxPhotoBytes()).data("maxBodyBytes", maxBodyBytes)
                .data("erasure", erasures.latest(actor.orgId, target.id))
                .data("consentVersion", ConsentText.VERSION).data("consentText", ConsentText.STATEMENT)
                .data("pendingCount", results == null ? 0 : results.stream().filter(r -> "pending".equals(r.reason())).count())
                .data("admin", actor.role == User.Role.ADMIN).data("names", User.namesIn(actor.orgId));
    }

    private static User target(User admin, String id) {
        User t = User.inOrg(admin.orgId, id);
        if (t == null) {
            throw new NotFoundException();
        }
        return t;
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
