package org.activerecorder.application.calls;

import org.activerecorder.domain.model.CallUuid;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A command for call control, sent as JSON on the queue {@code CallControlCommands}; a bridge turns it into a
 * T-Lib request ({@code TRequestPrivateService} with the operation's code, or {@code TUpdateUserData}). Field
 * names are a public contract: add, never rename or remove.
 *
 * @param type      what is asked (its {@link Type#privateService() code} for the 3013-3016 operations)
 * @param callUuid  the call
 * @param connId    T-Server's connection id of the call, when known
 * @param thisDn    the DN to record, or whose recording is controlled
 * @param id        the {@code id} extension key: the recording request id the INVITEs will carry as
 *                  {@code record=<id>}
 * @param dest      the {@code dest} extension key, passed on as received
 * @param userData  for {@link Type#USER_DATA_UPDATE}: the keys to attach to the call; empty otherwise
 * @param reason    why it is sent, for people reading the bridge's log (e.g. {@code rule 7 v3}, {@code dn 1001},
 *                  {@code api admin})
 * @param at        when the recorder decided to send it
 */
public record CallControlCommand(Type type, CallUuid callUuid, String connId, String thisDn, String id, String dest,
                                 Map<String, String> userData, String reason, Instant at) {

    /** The commands; the four recording operations carry the {@code TRequestPrivateService} codes. */
    public enum Type {
        START_RECORDING(3013),
        STOP_RECORDING(3014),
        PAUSE_RECORDING(3015),
        RESUME_RECORDING(3016),
        /** Attach key-value pairs to the call (the recorder's recording state, the file name). */
        USER_DATA_UPDATE(0);

        private final int privateService;

        Type(int privateService) {
            this.privateService = privateService;
        }

        /** The {@code TRequestPrivateService} operation code, or 0 for a user-data update. */
        public int privateService() {
            return privateService;
        }
    }

    public CallControlCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(at, "at");
        userData = userData == null ? Map.of() : Map.copyOf(userData);
    }
}
