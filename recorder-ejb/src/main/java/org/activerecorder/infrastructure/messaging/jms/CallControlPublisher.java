package org.activerecorder.infrastructure.messaging.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.activerecorder.application.calls.CallControl;
import org.activerecorder.application.calls.CallControlCommand;
import org.activerecorder.application.calls.CallControlSettings;
import org.activerecorder.infrastructure.messaging.outbox.JmsOutbox;
import org.activerecorder.infrastructure.messaging.outbox.OutgoingMessage;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends call-control commands to the queue {@code CallControlCommands}, where a bridge (or the test simulator)
 * consumes them, through the outbox: inside a transaction the message leaves after the transaction commits
 * ({@link JmsOutbox}). The JSON is built field by field so its names stay the documented contract whatever the
 * record's Java names become. Each command lives
 * {@link CallControlSettings#commandTimeToLive()} ({@code recorder.call-control.command-ttl-seconds}) on the queue:
 * a bridge that comes back after an outage does not act on commands the calls have long overtaken (the broker moves
 * expired ones to its expiry queue).
 */
@ApplicationScoped
public class CallControlPublisher implements CallControl {

    /** Looked up once: {@code Json.create...} looks the provider up at every call (docs/performance.md, series U). */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String QUEUE_JNDI_NAME = "java:/jms/queue/CallControlCommands";
    public static final String COMMAND_TYPE_PROPERTY = "commandType";

    private static final Logger LOG = Logger.getLogger(CallControlPublisher.class.getName());

    @Inject
    private JmsOutbox outbox;

    @Inject
    private CallControlSettings settings;

    @Override
    public void send(CallControlCommand command) {
        outbox.send(new OutgoingMessage(QUEUE_JNDI_NAME, json(command),
                Map.of(COMMAND_TYPE_PROPERTY, command.type().name(), "callUuid", command.callUuid().value()),
                settings.commandTimeToLive()));
        LOG.fine(() -> "Call control: " + command.type() + " for call " + command.callUuid() + " (" + command.reason()
                + ")");
    }

    /** The command as the bridge reads it; documented in docs/events.md. */
    static String json(CallControlCommand command) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", command.type().name())
                .add("privateService", command.type().privateService())
                .add("callUuid", command.callUuid().value());
        optional(json, "connId", command.connId());
        optional(json, "thisDn", command.thisDn());
        optional(json, "id", command.id());
        optional(json, "dest", command.dest());
        JsonObjectBuilder userData = JSON.createObjectBuilder();
        for (Map.Entry<String, String> entry : command.userData().entrySet()) {
            userData.add(entry.getKey(), entry.getValue());
        }
        json.add("userData", userData);
        optional(json, "reason", command.reason());
        return json.add("at", command.at().toString()).build().toString();
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
