package org.rollcall.identity.clients;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.PartFilename;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.rollcall.events.api.EnrolledTemplate;

/**
 * Recognition's API as identity calls it (base URL {@code quarkus.rest-client.recognition.url}).
 * Enrollment is not retried: a second attempt after a lost answer would make a second template.
 * A refusal (422) arrives as {@link ServiceRefusal} with recognition's {@link org.rollcall.events.api.ApiError}.
 */
@org.eclipse.microprofile.rest.client.annotation.RegisterProvider(ServiceErrors.class)
@RegisterRestClient(configKey = "recognition")
@Path("/api/v1")
public interface RecognitionClient {

    /** The multipart body recognition's enrollment takes. */
    class EnrollForm {
        @RestForm
        public String orgId;
        @RestForm
        public String personId;
        @RestForm
        @PartType(MediaType.APPLICATION_OCTET_STREAM)
        @PartFilename("photo")
        public byte[] image;

        /** The stored photo's id (a re-index: the same photo under the same model is the same template), or null. */
        @RestForm
        public String sourceId;
        /** A template of the person that the new one replaces (tombstoned once the new one is stored), or null. */
        @RestForm
        public String replaces;

        /** The person's employee id (an import's), carried by the template to attendance's events, or null. */
        @RestForm
        public String externalId;

        public EnrollForm(String orgId, String personId, byte[] image) {
            this(orgId, personId, image, null, null, null);
        }

        public EnrollForm(String orgId, String personId, byte[] image, String sourceId, String replaces, String externalId) {
            this.orgId = orgId;
            this.personId = personId;
            this.image = image;
            this.sourceId = sourceId;
            this.replaces = replaces;
            this.externalId = externalId;
        }
    }

    @POST
    @Path("templates")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    EnrolledTemplate enroll(@HeaderParam("Authorization") String bearer, EnrollForm form);
}
