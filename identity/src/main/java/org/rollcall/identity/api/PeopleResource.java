package org.rollcall.identity.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.rollcall.events.Claims.Roles;
import org.rollcall.identity.account.AuditLog;
import org.rollcall.identity.account.Ids;
import org.rollcall.identity.account.InvalidInput;
import org.rollcall.identity.account.User;
import org.rollcall.identity.directory.Directory;
import org.rollcall.identity.directory.DirectoryCaller;
import org.rollcall.identity.enroll.ConsentText;
import org.rollcall.identity.enroll.EnrollmentService;
import org.rollcall.identity.session.CurrentUser;
import org.rollcall.security.Problems;

/**
 * The organization's people: listed for an admin or an API key with people:read ({@link Directory});
 * bulk enrollment for an org admin (deploy/rollcall import-known-faces): find-or-create a person by
 * the import's user id, then enroll photos through the normal enrollment path; the same photo
 * twice is a no-op, so a re-import changes nothing.
 */
@Path("/api/v1/people")
@Tag(name = "People")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    private final CurrentUser current;
    private final EnrollmentService enrollment;
    private final AuditLog audit;
    private final DirectoryCaller caller;
    private final Directory directory;

    public PeopleResource(CurrentUser current, EnrollmentService enrollment, AuditLog audit, DirectoryCaller caller,
            Directory directory) {
        this.current = current;
        this.enrollment = enrollment;
        this.audit = audit;
        this.caller = caller;
        this.directory = directory;
    }

    @Operation(summary = "List the organization's people",
            description = "By id, `limit` (1-500, default 100) at a time; pass `next` back as `cursor` for the following page "
                    + "(null on the last). Each person's id is the personId of attendance records and events; externalId is the "
                    + "employee id of an import. An admin or an API key with people:read.")
    @GET
    @RolesAllowed({Roles.ADMIN, org.rollcall.events.Claims.Scopes.PEOPLE_READ})
    public org.rollcall.events.api.CursorPage<org.rollcall.identity.directory.DirectoryViews.PersonView> list(
            @jakarta.ws.rs.QueryParam("cursor") String cursor, @jakarta.ws.rs.QueryParam("limit") Integer limit) {
        return directory.people(caller.orgId(), cursor, limit);
    }

    /** Body of the find-or-create call. */
    public record Person(String displayName) {
    }

    @Operation(summary = "Find or create a person by external (employee) id",
            description = "Idempotent: the same external id always names the same person of the organization (admin).")
    @PUT
    @Path("by-external-id/{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Map<String, Object> findOrCreate(@PathParam("externalId") String externalId, Person body) {
        User admin = current.requireAdmin();
        // the rule the id meets again in every face template that carries it
        if (!org.rollcall.events.FaceTemplate.EXTERNAL_ID.matcher(externalId).matches()) {
            throw new BadRequestException("the user id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String name = body == null ? null : body.displayName();
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("the name must be 1-100 printable characters");
        }
        User u = User.find("orgId = ?1 and externalId = ?2", admin.orgId, externalId).firstResult();
        boolean created = u == null;
        if (created) {
            u = new User();
            u.id = Ids.id("u");
            u.orgId = admin.orgId;
            u.externalId = externalId;
            u.displayName = name.trim();
            // imported people cannot sign in until an admin gives them an account
            u.email = externalId + "+" + u.id + "@import.invalid";
            u.role = User.Role.MEMBER;
            u.persist();
            audit.record(admin.orgId, admin.id, "IMPORT_PERSON", externalId);
        }
        return Map.of("id", u.id, "created", created);
    }

    /** The consent text every enrollment records: an importer shows it and sends its version. */
    @Operation(summary = "The consent text in force",
            description = "Its version, purpose and statement; an import names the version its consent was collected for.")
    @GET
    @Path("consent")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, String> consent() {
        return Map.of("version", ConsentText.VERSION, "purpose", ConsentText.PURPOSE, "statement", ConsentText.STATEMENT);
    }

    @Operation(summary = "Enroll a face photo",
            description = "Multipart: photo, consentVersion, consentEvidence (how consent was collected). 200 enrolled or already "
                    + "enrolled; 422 problem details when the photo is refused (no face, several faces, too small, blurry, spoof).")
    @POST
    @Path("{id}/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> enroll(@PathParam("id") String id, @RestForm("photo") FileUpload photo,
            @RestForm String consentVersion, @RestForm String consentEvidence) throws IOException {
        User admin = current.requireAdmin();
        if (User.inOrg(admin.orgId, id) == null) {
            throw new NotFoundException();
        }
        if (photo == null) {
            throw new BadRequestException("a photo part is required");
        }
        byte[] data = Files.readAllBytes(photo.uploadedFile());
        if (enrollment.alreadyEnrolled(admin.orgId, id, data)) {
            return Map.of("status", "already_enrolled");
        }
        ConsentText.Consent consent;
        try {
            // an import states how consent was collected (e.g. signed forms) for the text version it names
            consent = ConsentText.given(consentVersion, consentEvidence);
        } catch (InvalidInput e) {
            throw new jakarta.ws.rs.WebApplicationException(Problems.response(400, "consent_required", "consentVersion (the current is "
                    + ConsentText.VERSION + ", GET /api/v1/people/consent) and consentEvidence (how the person's consent was collected) are "
                    + "required: " + e.errors().get("consent")));
        }
        try {
            EnrollmentService.Result r = enrollment.enroll(admin.orgId, id, data, consent, admin.id);
            if (!r.enrolled()) {
                // a refused photo is an error answer like any other (it was 200 with "status":"refused")
                throw new jakarta.ws.rs.WebApplicationException(Problems.response(422, r.reason(), r.message()));
            }
            return Map.of("status", "enrolled", "quality", r.quality());
        } catch (InvalidInput e) {
            throw new jakarta.ws.rs.WebApplicationException(Problems.response(422, "invalid_photo", e.getMessage()));
        } catch (org.rollcall.identity.quota.QuotaExceeded e) {
            throw new jakarta.ws.rs.WebApplicationException(Problems.response(429, "quota_exceeded", e.getMessage()));
        }
    }
}
