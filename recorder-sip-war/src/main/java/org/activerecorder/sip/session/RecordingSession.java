package org.activerecorder.sip.session;

import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.siprec.SiprecState;

import javax.sip.ServerTransaction;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording session (one dialog, one recorder stream per recorded audio m-line) while the SIP side handles it.
 *
 * <p>Life cycle: {@code OPENING} from the INVITE until the stream intake answers, then
 * {@code ESTABLISHED} (200 OK sent) until BYE or dialog termination, then {@code ENDED}. A CANCEL,
 * a refusal or a dialog ending early moves {@code OPENING} straight to {@code ENDED}.
 *
 * <p>The event thread (CANCEL, BYE, dialog end) and an executor thread (the intake's answer) race on
 * the same session, so every transition is one synchronized compare-and-set: exactly one side wins and
 * only the winner sends the final response or ends the streams. Responses are sent outside the lock.
 *
 * <p>A SIPREC session's streams open with the channels of its INVITE's metadata, and a metadata update may come on the
 * event thread while they open on the executor. The session keeps what its streams carry beside what is known: an
 * update's correction ({@link StreamsCorrection}) runs at once when the streams are open, else once they are
 * ({@link #streamsOpened}), so that whichever comes second carries the latest state to the streams, exactly once.
 */
public final class RecordingSession {

    /** Where the session is; see the class comment. */
    public enum State { OPENING, ESTABLISHED, ENDED }

    private final SessionKey key;
    private final String localTag;
    private final long inviteSequence;
    private final ServerTransaction invite;
    private State state = State.OPENING;
    private List<String> streamIds = List.of();
    private SessionAnswer answer;
    private SiprecState siprec;
    /** The SIPREC state the streams were opened or last described with. */
    private SiprecState carried;
    /** The correction to the latest SIPREC state, waiting for the streams to open; {@code null}: none. */
    private StreamsCorrection pendingCorrection;
    private boolean acknowledged;
    /** Where each recorded stream's sender sends from, as the offers last said ({@code null}: not said). */
    private List<InetSocketAddress> senders = List.of();
    private SessionTimer timer;

    /**
     * @param key            the dialog's key
     * @param localTag       the To tag the recorder gives every response of this dialog
     * @param inviteSequence the CSeq number of the INVITE (a CANCEL carries the same)
     * @param invite         the INVITE's server transaction, for the final response
     */
    public RecordingSession(SessionKey key, String localTag, long inviteSequence, ServerTransaction invite) {
        this.key = Objects.requireNonNull(key, "key");
        this.localTag = Objects.requireNonNull(localTag, "localTag");
        this.inviteSequence = inviteSequence;
        this.invite = invite;
    }

    public SessionKey key() {
        return key;
    }

    public String localTag() {
        return localTag;
    }

    public long inviteSequence() {
        return inviteSequence;
    }

    public ServerTransaction invite() {
        return invite;
    }

    public synchronized State state() {
        return state;
    }

    /** The recorder's stream ids, in the order of the answer's recorded streams; empty until established. */
    public synchronized List<String> streamIds() {
        return streamIds;
    }

    /** The SDP answer last sent (the INVITE's 200 OK, or a re-INVITE's), once established. */
    public synchronized SessionAnswer answer() {
        return answer;
    }

    /** What the session's SIPREC metadata says, for a SIPREC session; empty for the Genesys shapes. */
    public synchronized Optional<SiprecState> siprec() {
        return Optional.ofNullable(siprec);
    }

    /** Marks the session as SIPREC, with the INVITE's state: the streams open with its channels. */
    public synchronized void siprec(SiprecState state) {
        siprec = Objects.requireNonNull(state, "state");
        carried = state;
    }

    /**
     * Tells the streams what a SIPREC metadata update changed: how, when and in which words is the caller's. The
     * session keeps {@code latest} as what it knows; {@code correction} runs now when the streams are open, else when
     * they open ({@link #streamsOpened}), replacing any correction still waiting (the latest state wins). It runs under
     * the session's lock, so that two corrections reach the ordered hold queue in the order they were decided: it must
     * only queue its work, never block.
     *
     * @return whether the correction waits for the streams to open
     */
    public synchronized boolean siprecUpdated(SiprecState latest, StreamsCorrection correction) {
        siprec = Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(correction, "correction");
        switch (state) {
            case OPENING -> {
                pendingCorrection = correction;
                return true;
            }
            case ESTABLISHED -> {
                pendingCorrection = null;
                correct(correction);
                return false;
            }
            default -> {
                pendingCorrection = null;
                return false;
            }
        }
    }

    /**
     * The streams of an established session are open (call it after {@link #establish}): a metadata update that came
     * while they opened is carried to them now, unless it was carried already.
     *
     * @return whether a correction ran
     */
    public synchronized boolean streamsOpened() {
        StreamsCorrection waiting = pendingCorrection;
        pendingCorrection = null;
        if (waiting == null || state != State.ESTABLISHED) {
            return false;
        }
        correct(waiting);
        return true;
    }

    private void correct(StreamsCorrection correction) {
        SiprecState was = carried;
        carried = siprec;
        correction.correct(was, streamIds);
    }

    /**
     * A re-offer names {@code now} as where the {@code stream}-th recorded stream's sender sends from.
     *
     * @return whether that is a move: the offers named another address before (or none)
     */
    public synchronized boolean senderNamed(int stream, InetSocketAddress now) {
        if (now == null || stream >= senders.size() || now.equals(senders.get(stream))) {
            return false;
        }
        senders.set(stream, now);
        return true;
    }

    /**
     * An ACK came for the INVITE of {@code sequence}.
     *
     * @return true when it is the first ACK of the session's own INVITE: the Media Server has the answer
     */
    public synchronized boolean acknowledge(long sequence) {
        if (sequence != inviteSequence || acknowledged || state != State.ESTABLISHED) {
            return false;
        }
        acknowledged = true;
        return true;
    }

    /**
     * Whether the Media Server confirmed the session's answer with an ACK. A session answered but never
     * acknowledged was never the Media Server's: it gave up on it (or never got our 200 OK).
     */
    public synchronized boolean acknowledged() {
        return acknowledged;
    }

    /** The RFC 4028 session timer last negotiated, or empty when the session has none. */
    public synchronized Optional<SessionTimer> timer() {
        return Optional.ofNullable(timer);
    }

    /** The session timer the last INVITE, re-INVITE, UPDATE or refresh negotiated (empty: no timer). */
    public synchronized void timer(Optional<SessionTimer> negotiated) {
        timer = negotiated.orElse(null);
    }

    /**
     * A re-INVITE or UPDATE was answered with {@code next} (the same answer when nothing changed).
     *
     * @return the answer it replaces, to tell whether the media was held or resumed
     */
    public synchronized SessionAnswer reanswered(SessionAnswer next) {
        if (state != State.ESTABLISHED) {
            throw new IllegalStateException("re-offer answered on a session that is " + state);
        }
        SessionAnswer previous = answer;
        answer = Objects.requireNonNull(next, "answer");
        return previous;
    }

    /**
     * The streams are open: OPENING → ESTABLISHED.
     *
     * @param openedStreamIds one per recorded stream of {@code sdpAnswer}, in the same order
     * @return false when the session ended meanwhile (CANCEL, dialog end); the caller must then end the
     * streams it just opened, and send nothing
     */
    public synchronized boolean establish(List<String> openedStreamIds, SessionAnswer sdpAnswer) {
        Objects.requireNonNull(sdpAnswer, "answer");
        if (openedStreamIds.size() != sdpAnswer.streams().size()) {
            throw new IllegalArgumentException(openedStreamIds.size() + " stream ids for "
                    + sdpAnswer.streams().size() + " answered streams");
        }
        if (state != State.OPENING) {
            return false;
        }
        state = State.ESTABLISHED;
        streamIds = List.copyOf(openedStreamIds);
        senders = new ArrayList<>();
        sdpAnswer.streams().forEach(stream -> senders.add(stream.audio().source()));
        answer = sdpAnswer;
        return true;
    }

    /**
     * Ends a session that has no final response yet (CANCEL, refusal, early dialog end): OPENING → ENDED.
     *
     * @return true when the caller must send the INVITE's final response; false when a final response
     * was already sent or the session already ended
     */
    public synchronized boolean abandon() {
        if (state != State.OPENING) {
            return false;
        }
        state = State.ENDED;
        return true;
    }

    /**
     * Ends an established session (BYE, dialog terminated): ESTABLISHED → ENDED.
     *
     * @return the streams to end, none when there is nothing to end (not established, or ended already)
     */
    public synchronized List<String> end() {
        boolean established = state == State.ESTABLISHED;
        state = State.ENDED;
        return established ? streamIds : List.of();
    }

    /** What a SIPREC metadata update tells the streams (see {@link #siprecUpdated}). */
    @FunctionalInterface
    public interface StreamsCorrection {
        /**
         * @param carried   the state the streams were opened or last described with
         * @param streamIds the session's streams, in the order of its audio lines
         */
        void correct(SiprecState carried, List<String> streamIds);
    }

    @Override
    public synchronized String toString() {
        return "RecordingSession[" + key + ", " + state + (streamIds.isEmpty() ? "" : ", streams " + streamIds) + "]";
    }
}
