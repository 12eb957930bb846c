package org.rollcall.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Puts the contract examples of services/events ({@code contracts/}) into a service's OpenAPI
 * document as its operations' response examples. Those files are what the servers' tests compare
 * their real answers with and what identity's clients are tested on, so the documented example
 * cannot drift from the API. An operation the service does not have is skipped.
 * Registered with {@code mp.openapi.filter} in each service.
 */
public class ContractExamplesFilter implements OASFilter {
    /** An operation's answer and the contract file that shows it. */
    record Example(String path, PathItem.HttpMethod method, String status, String mediaType, String file) {
    }

    static final List<Example> EXAMPLES = List.of(
            new Example("/api/v1/attendance", PathItem.HttpMethod.GET, "200", "application/json", "attendance-records.json"),
            new Example("/api/v1/attendance/summary", PathItem.HttpMethod.GET, "200", "application/json", "attendance-summary.json"),
            new Example("/api/v1/attendance/daily", PathItem.HttpMethod.GET, "200", "application/json", "attendance-daily.json"),
            new Example("/api/v1/attendance/policy", PathItem.HttpMethod.GET, "200", "application/json", "attendance-policy.json"),
            new Example("/api/v1/templates", PathItem.HttpMethod.POST, "201", "application/json", "recognition-enroll-201.json"),
            new Example("/api/v1/templates", PathItem.HttpMethod.POST, "422", "application/problem+json", "recognition-enroll-422.json"),
            new Example("/api/v1/attendance/webhooks", PathItem.HttpMethod.GET, "200", "application/json", "attendance-webhooks.json"),
            new Example("/api/v1/attendance/webhooks", PathItem.HttpMethod.POST, "201", "application/json", "attendance-webhook-created.json"),
            new Example("/api/v1/attendance/webhooks/{id}/deliveries", PathItem.HttpMethod.GET, "200", "application/json",
                    "attendance-deliveries.json"),
            new Example("/api/v1/people", PathItem.HttpMethod.GET, "200", "application/json", "directory-people.json"),
            new Example("/api/v1/sites", PathItem.HttpMethod.GET, "200", "application/json", "directory-sites.json"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Example e : EXAMPLES) {
            PathItem item = openAPI.getPaths().getPathItem(e.path());
            Operation op = item == null ? null : item.getOperations().get(e.method());
            if (op == null) {
                continue;
            }
            if (op.getResponses() == null) {
                op.setResponses(OASFactory.createAPIResponses());
            }
            APIResponse response = op.getResponses().getAPIResponse(e.status());
            if (response == null) {
                response = OASFactory.createAPIResponse().description(e.status().startsWith("2") ? "OK" : "Refused");
                op.getResponses().addAPIResponse(e.status(), response);
            }
            if (response.getContent() == null) {
                response.setContent(OASFactory.createContent());
            }
            MediaType media = response.getContent().getMediaType(e.mediaType());
            if (media == null) {
                media = OASFactory.createMediaType();
                response.getContent().addMediaType(e.mediaType(), media);
            }
            media.setExample(example(e.file()));
        }
    }

    /** The contract file as a JSON tree of maps and lists (the document prints it as JSON, not as a string). */
    static Object example(String file) {
        try (InputStream in = ContractExamplesFilter.class.getClassLoader().getResourceAsStream("contracts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no contract example " + file);
            }
            return JSON.readValue(in, Object.class);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
