package org.activerecorder.sip.handler;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SelectedAudio;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.activerecorder.sip.uri.RecordingRequestUri;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the party of each recorded stream of a Genesys session by the rule of {@link RecordingRequestUri}: the
 * offer's first audio m-line carries {@code dn}, its second {@code otherDN}.
 *
 * <p>What cannot be named is refused, because a stream under no party or under the wrong one would put a party's
 * audio in the wrong channel with nothing in the recording to say so:
 * <ul>
 *   <li>a recorded stream beyond the parties the URI names: 488 (a third audio line), or 400 for a second line
 *       without {@code otherDN}, naming the parameter;</li>
 *   <li>two recorded streams whose DNs are the same, or whose DNs are neither {@code recordDN}: 400, since the
 *       recorded party (left channel) would be both or neither.</li>
 * </ul>
 */
final class GenesysParties {

    private GenesysParties() {
    }

    static List<PartyStream> assign(RecordingRequestUri uri, SdpOffer offer, List<SelectedAudio> audio)
            throws RequestRejected {
        List<PartyStream> streams = new ArrayList<>(audio.size());
        for (SelectedAudio line : audio) {
            int ordinal = audioOrdinal(offer, line.mediaIndex());
            Dn party = uri.partyOfAudioLine(ordinal).orElse(null);
            if (party == null && ordinal == 1) {
                throw new RequestRejected(Rejection.missingUriParameter(
                        "otherDN parameter (the offer's second audio stream is the other party's)"));
            }
            if (party == null) {
                throw new RequestRejected(Rejection.moreAudioStreamsThanParties(recordable(offer), uri.parties()));
            }
            streams.add(new PartyStream(party, line));
        }
        if (streams.size() == 2) {
            checkTwoParties(uri);
        }
        return streams;
    }

    private static void checkTwoParties(RecordingRequestUri uri) throws RequestRejected {
        if (uri.dn().equals(uri.otherDn())) {
            throw new RequestRejected(Rejection.invalidUriParameter("otherDN parameter",
                    "the same DN as dn: the two audio streams would be one party"));
        }
        if (!uri.recordDn().equals(uri.dn()) && !uri.recordDn().equals(uri.otherDn())) {
            throw new RequestRejected(Rejection.invalidUriParameter("recordDN parameter",
                    "neither dn nor otherDN: which stream is the recorded party is unknown"));
        }
    }

    /** The position of the m-line at {@code mediaIndex} among the offer's audio m-lines, from 0. */
    private static int audioOrdinal(SdpOffer offer, int mediaIndex) {
        int ordinal = 0;
        for (int index = 0; index < mediaIndex; index++) {
            if (offer.media().get(index).isAudio()) {
                ordinal++;
            }
        }
        return ordinal;
    }

    private static int recordable(SdpOffer offer) {
        return (int) offer.media().stream().filter(OfferedMedia::isAudio).filter(media -> media.port() != 0).count();
    }
}
