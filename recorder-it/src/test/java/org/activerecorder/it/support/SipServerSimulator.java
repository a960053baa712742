package org.activerecorder.it.support;

import jakarta.json.JsonObject;
import org.activerecorder.testsupport.sip.MediaServerSimulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays the SIP Server and the Media Server of a contact centre for the recorder's call-control connector: it reads
 * what the recorder asks of call control from {@code CallControlCommands} (as a bridge would, logged in with role
 * {@code control}) and, on {@code START_RECORDING} (3013) for a call, does what the SIP Server then has the Media
 * Server do: two recording sessions carrying the command's {@code record=} id and the command's DN as the recorded
 * one, with RTP from each party's script. Every command it reads is kept, so a test can check the recording state
 * that went back to call control ({@code USER_DATA_UPDATE}).
 */
public final class SipServerSimulator {

    private final RecorderServer recorder;
    private final MediaServerSimulator mediaServer;
    private final CallControlBridge bridge;
    private final List<JsonObject> commands = new ArrayList<>();

    public SipServerSimulator(RecorderServer recorder, MediaServerSimulator mediaServer, CallControlBridge bridge) {
        this.recorder = recorder;
        this.mediaServer = mediaServer;
        this.bridge = bridge;
    }

    /** A call recorded because call control was asked to: the command that asked and the recording. */
    public record AskedCall(JsonObject startCommand, RecordedCall recorded) {
    }

    /**
     * Waits up to {@code wait} for the recorder's {@code START_RECORDING} of {@code callUuid}, then plays the call as
     * the Media Server does and waits for its recording.
     *
     * @throws AssertionError when no start came in time
     */
    public AskedCall recordWhenAsked(String callUuid, Duration wait, TwoPartyCall.Party agent,
                                     TwoPartyCall.Party customer) throws Exception {
        JsonObject start = awaitCommand(callUuid, "START_RECORDING", wait);
        if (start == null) {
            throw new AssertionError("call control was never asked to record " + callUuid + "; it heard: "
                    + commandsOf(callUuid));
        }
        RecordedCall recorded = TwoPartyCall.play(recorder, mediaServer, callUuid, start.getString("id"),
                start.getString("thisDn"), agent, customer);
        return new AskedCall(start, recorded);
    }

    /** The first command of this type about the call, read so far or within {@code wait}; {@code null} if none. */
    public JsonObject awaitCommand(String callUuid, String type, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            synchronized (commands) {
                for (JsonObject command : commands) {
                    if (callUuid.equals(command.getString("callUuid", null))
                            && type.equals(command.getString("type", null))) {
                        commands.remove(command);
                        return command;
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            JsonObject next = bridge.nextCallControlCommand(Duration.ofNanos(Math.min(left,
                    Duration.ofMillis(200).toNanos())));
            if (next != null) {
                synchronized (commands) {
                    commands.add(next);
                }
            }
        }
    }

    /** The commands about the call read and not yet taken, for messages. */
    public List<JsonObject> commandsOf(String callUuid) {
        synchronized (commands) {
            return commands.stream().filter(c -> callUuid.equals(c.getString("callUuid", null))).toList();
        }
    }
}
