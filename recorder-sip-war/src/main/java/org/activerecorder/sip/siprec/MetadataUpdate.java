package org.activerecorder.sip.siprec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Applies the metadata of a re-INVITE or UPDATE to what the recorder knew (RFC 7865 datamode, RFC 7866 metadata
 * updates). A complete document replaces the state. A partial one carries only what changed, each element in full:
 * participants and streams are updated by id (fields the update leaves out keep their value), new ones are added
 * after the known ones (so the first participant stays the first), and a participant's stream association is
 * replaced whole (a participant on hold is sent with {@code <recv>} alone: it sends nothing any more). Vendor data
 * already known keeps its value; new names are added.
 */
public final class MetadataUpdate {

    private MetadataUpdate() {
    }

    public static RecordingMetadata apply(RecordingMetadata previous, RecordingMetadata update) {
        if (update.dataMode() == DataMode.COMPLETE) {
            return update;
        }
        List<String> groupIds = new ArrayList<>(previous.groupIds());
        update.groupIds().stream().filter(id -> !groupIds.contains(id)).forEach(groupIds::add);
        Map<String, String> extensionData = new LinkedHashMap<>(previous.extensionData());
        update.extensionData().forEach(extensionData::putIfAbsent);
        return new RecordingMetadata(previous.dataMode(), groupIds,
                upsert(previous.sessions(), update.sessions(), CommunicationSession::id, MetadataUpdate::newerSession),
                upsert(previous.participants(), update.participants(), Participant::id, Participant::updatedBy),
                upsert(previous.streams(), update.streams(), MediaStream::id, MediaStream::updatedBy),
                upsert(previous.associations(), update.associations(), StreamAssociation::participantId,
                        (before, after) -> after),
                extensionData);
    }

    private static CommunicationSession newerSession(CommunicationSession before, CommunicationSession after) {
        return new CommunicationSession(before.id(),
                after.sipSessionIds().isEmpty() ? before.sipSessionIds() : after.sipSessionIds(),
                after.groupId().isEmpty() ? before.groupId() : after.groupId());
    }

    /** {@code known} in its order with each element the update names merged, then the update's new elements. */
    private static <T> List<T> upsert(List<T> known, List<T> update, Function<T, String> id, BinaryOperator<T> merge) {
        Map<String, T> byId = new LinkedHashMap<>();
        known.forEach(element -> byId.put(id.apply(element), element));
        update.forEach(element -> byId.merge(id.apply(element), element, merge));
        return List.copyOf(byId.values());
    }
}
