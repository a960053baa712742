package org.activerecorder.application.calls;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.CallUuid;

import java.util.Optional;

/**
 * Call events in: what call control says of a call (established, released, user data), over REST and the queue
 * {@code CallEvents}. An event merges into the call (creating it when it comes before any recording session) and is
 * announced inside the recorder as {@link CallFactsChanged}, in the same transaction. Applying needs the role
 * {@code admin} or {@code control}; reading a call, any role of the API.
 */
@Local
public interface CallEvents {

    /** @throws CallEventRefused when the event breaks a limit of the call (too many keys); nothing is applied */
    CallEventApplied apply(CallEvent event) throws CallEventRefused;

    Optional<CallView> find(CallUuid callUuid);
}
