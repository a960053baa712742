package org.activerecorder.application.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediaPlaneReconciliationTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final MediaPlaneReconciliation reconciliation = new MediaPlaneReconciliation(Duration.ofSeconds(60));

    @Test
    void aStreamUnknownToTheMediaPlaneIsGivenUpOnlyWhenStillUnknownAMinuteLater() {
        assertEquals(List.of(), reconciliation.look(List.of("a", "b"), Set.of("a"), T0));
        assertEquals(List.of(), reconciliation.look(List.of("a", "b"), Set.of("a"), T0.plusSeconds(50)));

        assertEquals(List.of("b"), reconciliation.look(List.of("a", "b"), Set.of("a"), T0.plusSeconds(60)));
    }

    @Test
    void aStreamWhoseEndArrivesInTheMeantimeIsForgotten() {
        reconciliation.look(List.of("b"), Set.of(), T0);
        reconciliation.look(List.of(), Set.of(), T0.plusSeconds(10));

        assertEquals(List.of(), reconciliation.look(List.of("b"), Set.of(), T0.plusSeconds(70)),
                "seen open again later: a new first sighting, not a confirmation");
    }

    @Test
    void aStreamTheMediaPlaneKnowsAgainStartsOver() {
        reconciliation.look(List.of("b"), Set.of(), T0);
        reconciliation.look(List.of("b"), Set.of("b"), T0.plusSeconds(30));

        assertEquals(List.of(), reconciliation.look(List.of("b"), Set.of(), T0.plusSeconds(70)));
        assertEquals(List.of("b"), reconciliation.look(List.of("b"), Set.of(), T0.plusSeconds(130)));
    }

    @Test
    void aForgottenStreamStartsOver() {
        reconciliation.look(List.of("b"), Set.of(), T0);
        reconciliation.forget("b");

        assertEquals(List.of(), reconciliation.look(List.of("b"), Set.of(), T0.plusSeconds(60)));
    }
}
