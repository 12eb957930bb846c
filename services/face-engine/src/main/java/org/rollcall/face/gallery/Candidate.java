package org.rollcall.face.gallery;

/** A person the probe resembles: the best of their templates and centroid, and which template. */
public record Candidate(String personId, float similarity, String templateId) {
}
