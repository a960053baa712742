package org.activerecorder.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds streams the database holds open but the media plane does not know: their end was never reported (an event
 * lost, the adapter redeployed), so only the recorder can end them. A stream is only given up when it was seen so
 * in two looks at least {@code confirmation} apart, because a stream the media plane has just closed is unknown to
 * it while its end report is still on the way. Not thread-safe: one sweep uses it at a time.
 */
final class MediaPlaneReconciliation {

    private final Duration confirmation;
    private final Map<String, Instant> unknownSince = new HashMap<>();

    MediaPlaneReconciliation(Duration confirmation) {
        this.confirmation = confirmation;
    }

    /**
     * One look at both sides.
     *
     * @return the streams open in the database that the media plane has not known for at least the confirmation time
     */
    List<String> look(Collection<String> openInDatabase, Set<String> openInMediaPlane, Instant now) {
        unknownSince.keySet().retainAll(openInDatabase);
        unknownSince.keySet().removeAll(openInMediaPlane);
        List<String> confirmed = new ArrayList<>();
        for (String streamId : openInDatabase) {
            if (openInMediaPlane.contains(streamId)) {
                continue;
            }
            Instant since = unknownSince.putIfAbsent(streamId, now);
            if (since != null && !since.plus(confirmation).isAfter(now)) {
                confirmed.add(streamId);
            }
        }
        return confirmed;
    }

    /** The stream was dealt with: forget it. */
    void forget(String streamId) {
        unknownSince.remove(streamId);
    }
}
