package org.rollcall.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Arrays;

/**
 * One enrolled face embedding, value of {@link Topics#FACE_TEMPLATES}. The embedding travels as
 * base64 of little-endian float32 values: exact and a third the size of a JSON number array.
 */
public record FaceTemplate(
        int version,
        String orgId,
        String personId,
        String templateId,
        String modelId,
        @JsonSerialize(using = Float32Base64.Serializer.class)
        @JsonDeserialize(using = Float32Base64.Deserializer.class)
        float[] embedding,
        double quality,
        Instant createdAt,
        String externalId) {

    public static final int VERSION = 1;
    /** An employee id as identity's import takes it (and as attendance events pass it on). */
    public static final java.util.regex.Pattern EXTERNAL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** A template of a person without an external (employee) id. */
    public FaceTemplate(int version, String orgId, String personId, String templateId, String modelId, float[] embedding,
            double quality, Instant createdAt) {
        this(version, orgId, personId, templateId, modelId, embedding, quality, createdAt, null);
    }

    public FaceTemplate {
        Require.version(version, VERSION, "FaceTemplate");
        Require.text(orgId, "orgId");
        Require.text(personId, "personId");
        Require.text(templateId, "templateId");
        Require.text(modelId, "modelId");
        Require.present(embedding, "embedding");
        if (embedding.length == 0 || embedding.length > 4096) {
            throw new MalformedEventException("embedding has " + embedding.length + " dimensions");
        }
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw new MalformedEventException("embedding contains a non-finite value");
            }
        }
        Require.range(quality, 0, 1, "quality");
        Require.present(createdAt, "createdAt");
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            throw new MalformedEventException("externalId must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** The compacted-topic key; a tombstone under it erases the template. */
    public String key() {
        return Keys.template(orgId, personId, templateId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceTemplate t && version == t.version && orgId.equals(t.orgId)
                && personId.equals(t.personId) && templateId.equals(t.templateId) && modelId.equals(t.modelId)
                && Arrays.equals(embedding, t.embedding) && Double.compare(quality, t.quality) == 0
                && createdAt.equals(t.createdAt) && java.util.Objects.equals(externalId, t.externalId);
    }

    @Override
    public int hashCode() {
        return templateId.hashCode() * 31 + Arrays.hashCode(embedding);
    }

    @Override
    public String toString() {
        // never print biometric data into logs
        return "FaceTemplate[" + key() + ", model=" + modelId + ", dims=" + embedding.length + "]";
    }
}
