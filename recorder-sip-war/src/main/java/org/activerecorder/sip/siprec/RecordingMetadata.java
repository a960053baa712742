package org.activerecorder.sip.siprec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SIPREC client says about the call it records (RFC 7865): the communication session(s), the participants,
 * the streams and who sends which. Read from any of the dialects field SRCs send by {@link MetadataParser}; a
 * partial update is merged into the previous state by {@link MetadataUpdate}.
 *
 * <p>Every participant an association names is in {@link #participants()}, declared or not (a partial update may
 * name one declared earlier), so {@link #sendersOf} never meets an unknown id.
 *
 * @param dataMode      complete or partial
 * @param groupIds      the communication session groups ({@code <group group_id>}), in order
 * @param sessions      the communication sessions, in order
 * @param participants  the participants in document order: SRCs list the caller first
 * @param streams       the streams, in order
 * @param associations  one per participant that has one, in order
 * @param extensionData vendor values outside participants (in {@code <extensiondata>}, {@code <session>},
 *                      {@code <group>} or at the top), local element name to text; bounded, first value wins
 */
public record RecordingMetadata(DataMode dataMode, List<String> groupIds, List<CommunicationSession> sessions,
                                List<Participant> participants, List<MediaStream> streams,
                                List<StreamAssociation> associations, Map<String, String> extensionData) {

    public RecordingMetadata {
        Objects.requireNonNull(dataMode, "dataMode");
        groupIds = List.copyOf(groupIds);
        sessions = List.copyOf(sessions);
        participants = List.copyOf(participants);
        streams = List.copyOf(streams);
        associations = List.copyOf(associations);
        extensionData = Collections.unmodifiableMap(new LinkedHashMap<>(extensionData));
    }

    /** The SIPREC session id: the first communication session's id, if the document names one. */
    public Optional<String> sessionId() {
        return sessions.stream().map(CommunicationSession::id).findFirst();
    }

    public Optional<Participant> participant(String id) {
        return participants.stream().filter(participant -> participant.id().equals(id)).findFirst();
    }

    public Optional<MediaStream> stream(String id) {
        return streams.stream().filter(stream -> stream.id().equals(id)).findFirst();
    }

    /** The stream an SDP m-line carries, by its {@code a=label}; labels compare exactly, as RFC 4574 tokens do. */
    public Optional<MediaStream> streamLabelled(String label) {
        if (label == null || label.isEmpty()) {
            return Optional.empty();
        }
        return streams.stream().filter(stream -> stream.label().equals(label)).findFirst();
    }

    /** The participants that send the stream, in participant order; two or more means a mixed stream. */
    public List<Participant> sendersOf(String streamId) {
        List<Participant> senders = new ArrayList<>();
        for (Participant participant : participants) {
            association(participant.id()).filter(association -> association.sends().contains(streamId))
                    .ifPresent(association -> senders.add(participant));
        }
        return senders;
    }

    public Optional<StreamAssociation> association(String participantId) {
        return associations.stream().filter(association -> association.participantId().equals(participantId))
                .findFirst();
    }
}
