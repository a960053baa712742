package org.activerecorder.sip.handler;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.sip.sdp.SelectedAudio;

import java.util.Objects;

/**
 * One audio stream of a recording session and the party whose audio it carries.
 *
 * @param party the party's DN, as the Request-URI names it for the stream's audio m-line
 * @param audio the stream as chosen from the offer
 */
public record PartyStream(Dn party, SelectedAudio audio) {
    public PartyStream {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(audio, "audio");
    }
}
