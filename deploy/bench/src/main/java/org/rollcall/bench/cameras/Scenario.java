package org.rollcall.bench.cameras;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted day of the chaos run: who stands in front of which camera when. Each camera shows
 * one visit per slot (a face for {@link #VISIT}, then an empty scene). Every enrolled person
 * comes once early (the check-in) and later again (the check-out, more than one cooldown after
 * the first visit ended); strangers come and go too and must never be named.
 *
 * @param people enrolled people (ids) and strangers (null id), by portrait index
 */
record Scenario(List<Person> people, int cameras, List<Visit> visits) {
    static final Duration VISIT = Duration.ofSeconds(40);
    static final Duration SLOT = Duration.ofSeconds(60);
    /** The organization's cooldown: a later visit counts as a check-out only after it. */
    static final Duration COOLDOWN = Duration.ofMinutes(1);

    record Person(int portrait, String personId) {
        boolean enrolled() {
            return personId != null;
        }
    }

    /** Person {@code person} in front of camera {@code camera} from {@code start} for {@link #VISIT} (offsets from the run's start). */
    record Visit(Person person, int camera, Duration start) {
        Duration end() {
            return start.plus(VISIT);
        }
    }

    /**
     * Four cameras, six enrolled people and two strangers over five slots: slot 0 and 1 are the
     * check-ins, slots 2 to 4 the check-outs (each at least two slots after the person's first
     * visit, so more than a cooldown later), strangers in slots 1, 3 and 4.
     */
    static Scenario standard(String runId) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(new Person(i, "chaos-" + runId + "-p" + i));
        }
        Person s1 = new Person(6, null);
        Person s2 = new Person(7, null);
        people.add(s1);
        people.add(s2);
        int[][] slots = {
            {0, 1, 2, 3},   // check-ins
            {4, 5, 6, 7},   // check-ins, strangers
            {1, 0, 3, 2},   // check-outs on other cameras than the check-in
            {5, 4, 7, 6},   // check-outs, strangers again
            {2, 3, 0, 1},   // a second check-out: the record's check-out moves again
        };
        List<Visit> visits = new ArrayList<>();
        for (int slot = 0; slot < slots.length; slot++) {
            for (int camera = 0; camera < 4; camera++) {
                visits.add(new Visit(people.get(slots[slot][camera]), camera, SLOT.multipliedBy(slot)));
            }
        }
        return new Scenario(List.copyOf(people), 4, List.copyOf(visits));
    }

    Duration length() {
        return visits.stream().map(Visit::end).max(Duration::compareTo).orElseThrow().plusSeconds(5);
    }

    /** Who camera {@code camera} shows at {@code t} after the start, or null for the empty scene. */
    Visit showing(int camera, Duration t) {
        for (Visit v : visits) {
            if (v.camera == camera && t.compareTo(v.start) >= 0 && t.compareTo(v.end()) < 0) {
                return v;
            }
        }
        return null;
    }

    List<Visit> visitsOf(Person p) {
        return visits.stream().filter(v -> v.person.equals(p)).toList();
    }

    List<Person> enrolled() {
        return people.stream().filter(Person::enrolled).toList();
    }
}
