package org.rollcall.face.gallery;

import java.util.List;

/**
 * The open-set decision for one probe.
 *
 * @param personId the matched person, or null for "unknown"
 * @param similarity cosine similarity of the best candidate (reported even when unknown)
 * @param margin best minus second-best person similarity (how clearly the best one wins)
 * @param candidates the top persons, best first
 */
public record Match(String personId, float similarity, float margin, List<Candidate> candidates) {
    public boolean known() {
        return personId != null;
    }
}
