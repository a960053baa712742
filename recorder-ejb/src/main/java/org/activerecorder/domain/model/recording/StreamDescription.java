package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.Dn;

import java.util.Objects;

/**
 * What the recorder knows of a stream when its session joins a recording.
 *
 * @param streamId    the recorder's id of the stream
 * @param dn          the DN of the party whose audio it carries
 * @param sipCallId   the SIP Call-ID of its session (a re-INVITE keeps it; another session has another)
 * @param codec       the codec's encoding name
 * @param payloadType the RTP payload type of the codec
 * @param sampleRate  the rate of the decoded audio in its file (Hz)
 * @param mediaSource the sender's RTP address the SDP named (host:port), or {@code null}
 * @param audioFile   its file, relative to the recordings folder
 */
public record StreamDescription(String streamId, Dn dn, String sipCallId, String codec, int payloadType,
                                int sampleRate, String mediaSource, String audioFile) {
    public StreamDescription {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(sipCallId, "sipCallId");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(audioFile, "audioFile");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }
}
