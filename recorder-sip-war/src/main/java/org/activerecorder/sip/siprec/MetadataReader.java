package org.activerecorder.sip.siprec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the elements of one metadata document into a {@link RecordingMetadata}, accepting every dialect seen from
 * field SRCs:
 * <ul>
 *   <li>RFC 7865: {@code participant_id}, {@code stream_id}, {@code session_id}, {@code <nameID aor>},
 *       {@code <participantstreamassoc>}, {@code <datamode>};</li>
 *   <li>the pre-RFC drafts still sent by SBCs (Acme Packet/Oracle among them): {@code id} and {@code session}
 *       attributes, {@code <aor>} and {@code <name>} directly in {@code <participant>}, {@code <send>}/{@code <recv>}
 *       inside {@code <participant>}, {@code <dataMode>};</li>
 *   <li>the legacy {@code recording_metadata} schema (BroadWorks, namespace {@code urn:ietf:params:xml:ns:siprec}):
 *       the same elements, with each sent stream id wrapped in {@code <send><id>...</id></send>}, and a
 *       {@code <recording>} element of its own, which is skipped.</li>
 * </ul>
 * Vendor elements and {@code <extensiondata>} are kept as {@link ExtensionValues}; association and time elements the
 * recorder has no use for yet ({@code sessionrecordingassoc}, {@code participantsessionassoc}, times) are skipped.
 */
final class MetadataReader {
    private static final Set<String> SKIPPED = Set.of("recording", "sessionrecordingassoc", "participantsessionassoc");
    private static final Set<String> TIMES = Set.of("associate-time", "disassociate-time", "start-time", "stop-time",
            "reason");
    private static final Set<String> PARTICIPANT_PARTS = Set.of("nameid", "aor", "name", "send", "recv");

    private final SiprecLimits limits;
    private DataMode dataMode = DataMode.COMPLETE;
    private final List<String> groupIds = new ArrayList<>();
    private final List<CommunicationSession> sessions = new ArrayList<>();
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, MediaStream> streams = new LinkedHashMap<>();
    private final Map<String, StreamAssociation> associations = new LinkedHashMap<>();
    private final ExtensionValues extensions;
    private Refusal problem;

    private MetadataReader(SiprecLimits limits) {
        this.limits = limits;
        this.extensions = new ExtensionValues(limits.maxExtensionValues(), limits.maxValueLength());
    }

    static Verdict<RecordingMetadata> read(MetadataElement root, SiprecLimits limits) {
        MetadataReader reader = new MetadataReader(limits);
        for (MetadataElement element : root.children()) {
            reader.readTopLevel(element);
            if (reader.problem != null) {
                return Verdict.refused(reader.problem);
            }
        }
        return Verdict.accepted(reader.metadata());
    }

    private void readTopLevel(MetadataElement element) {
        switch (element.name()) {
            case "datamode" -> dataMode = "partial".equalsIgnoreCase(element.text()) ? DataMode.PARTIAL
                    : DataMode.COMPLETE;
            case "group" -> group(element);
            case "session" -> session(element);
            case "participant" -> participant(element);
            case "stream" -> stream(element);
            case "participantstreamassoc" -> associate(checked(element.attribute("participant_id", "id"),
                    "participantstreamassoc participant_id"), element);
            default -> {
                if (!SKIPPED.contains(element.name())) {
                    extensions.addLeavesOf(element.dom());
                }
            }
        }
    }

    private void group(MetadataElement group) {
        String id = checked(group.attribute("group_id", "id"), "group group_id");
        if (!id.isEmpty()) {
            groupIds.add(id);
        }
        keepVendorData(group, Set.of(), extensions);
    }

    private void session(MetadataElement session) {
        String id = checked(session.attribute("session_id", "id"), "session session_id");
        List<String> sipSessionIds = new ArrayList<>();
        session.children("sipsessionid").forEach(sipSessionId -> sipSessionIds.add(checked(sipSessionId.text(),
                "sipSessionID")));
        String groupRef = session.children("group-ref").stream().map(MetadataElement::text).findFirst()
                .orElse(session.attribute("group"));
        if (!id.isEmpty()) {
            sessions.add(new CommunicationSession(id, sipSessionIds, checked(groupRef, "session group-ref")));
        }
        keepVendorData(session, Set.of("sipsessionid", "group-ref"), extensions);
    }

    private void participant(MetadataElement participant) {
        String id = checked(participant.attribute("participant_id", "id"), "participant participant_id");
        id = id.isEmpty() ? "participant-" + (participants.size() + 1) : id;
        List<String> aors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MetadataElement nameId : participant.children("nameid")) {
            addIfPresent(aors, checked(nameId.attribute("aor"), "nameID aor"));
            nameId.children("name").forEach(name -> addIfPresent(names, checked(name.text(), "name")));
        }
        participant.children("aor").forEach(aor -> addIfPresent(aors, checked(aor.text(), "aor")));
        participant.children("name").forEach(name -> addIfPresent(names, checked(name.text(), "name")));
        ExtensionValues vendorData = new ExtensionValues(limits.maxExtensionValues(), limits.maxValueLength());
        keepVendorData(participant, PARTICIPANT_PARTS, vendorData);
        add(new Participant(id, aors, names, vendorData.asMap()));
        if (!participant.children("send").isEmpty() || !participant.children("recv").isEmpty()) {
            associate(id, participant);
        }
    }

    private void stream(MetadataElement stream) {
        String id = checked(stream.attribute("stream_id", "id"), "stream stream_id");
        id = id.isEmpty() ? "stream-" + (streams.size() + 1) : id;
        String label = stream.children("label").stream().map(MetadataElement::text).findFirst().orElse("");
        MediaStream read = new MediaStream(id, checked(stream.attribute("session_id", "session"), "stream session_id"),
                checked(label, "stream label"));
        streams.merge(id, read, MediaStream::updatedBy);
        if (streams.size() > limits.maxStreams()) {
            problem = Refusal.of(Refusal.Reason.TOO_LARGE,
                    "metadata has more than " + limits.maxStreams() + " streams");
        }
    }

    /** Adds the {@code <send>}/{@code <recv>} children of {@code element} to the participant's association. */
    private void associate(String participantId, MetadataElement element) {
        if (participantId.isEmpty()) {
            return;
        }
        List<String> sends = streamIds(element, "send");
        List<String> receives = streamIds(element, "recv");
        StreamAssociation before = associations.get(participantId);
        if (before != null) {
            sends.addAll(0, before.sends());
            receives.addAll(0, before.receives());
        }
        associations.put(participantId, new StreamAssociation(participantId, sends, receives));
        if (!participants.containsKey(participantId)) {
            add(Participant.known(participantId));
        }
    }

    /** The stream ids in the {@code which} children: their text, or (legacy schema) their {@code <id>} children's. */
    private List<String> streamIds(MetadataElement element, String which) {
        List<String> ids = new ArrayList<>();
        for (MetadataElement reference : element.children(which)) {
            List<MetadataElement> wrapped = reference.children("id");
            if (wrapped.isEmpty()) {
                addIfPresent(ids, checked(reference.text(), which));
            } else {
                wrapped.forEach(id -> addIfPresent(ids, checked(id.text(), which + " id")));
            }
        }
        return ids;
    }

    private void add(Participant participant) {
        participants.merge(participant.id(), participant, Participant::updatedBy);
        if (participants.size() > limits.maxParticipants()) {
            problem = Refusal.of(Refusal.Reason.TOO_LARGE,
                    "metadata has more than " + limits.maxParticipants() + " participants");
        }
    }

    /** Children that are neither {@code known} nor times are vendor data (RFC 7865 allows them anywhere). */
    private static void keepVendorData(MetadataElement parent, Set<String> known, ExtensionValues into) {
        for (MetadataElement child : parent.children()) {
            if (!known.contains(child.name()) && !TIMES.contains(child.name())) {
                into.addLeavesOf(child.dom());
            }
        }
    }

    /** The value, or "" after noting the problem when it is longer than any id, label, AoR or name should be. */
    private String checked(String value, String what) {
        if (value.length() > limits.maxValueLength() && problem == null) {
            problem = Refusal.of(Refusal.Reason.NOT_RECORDING_METADATA,
                    "metadata " + what + " is longer than " + limits.maxValueLength() + " characters");
            return "";
        }
        return value;
    }

    private static void addIfPresent(List<String> values, String value) {
        if (!value.isEmpty()) {
            values.add(value);
        }
    }

    private RecordingMetadata metadata() {
        return new RecordingMetadata(dataMode, groupIds, sessions, List.copyOf(participants.values()),
                List.copyOf(streams.values()), List.copyOf(associations.values()), extensions.asMap());
    }
}
