package org.activerecorder.application.calls;

/**
 * Where the recorder sends commands for call control: the JMS queue {@code CallControlCommands} in the server
 * (implemented in infrastructure), a list in the tests. A command sent inside a transaction leaves when it commits,
 * so a bridge never acts on a decision the database does not have.
 */
public interface CallControl {

    void send(CallControlCommand command);
}
