package org.activerecorder.sip.sdp;

import java.util.Objects;

/**
 * One recorded audio stream of a session as the recorder last answered it.
 *
 * @param audio     what is received on the line (its m-line, codec and telephone events never change)
 * @param port      our RTP port for it, kept for the whole session
 * @param disabled  whether the last offer disabled the line (port 0): answered with port 0, and a hold
 * @param direction {@code recvonly} while the Media Server sends, {@code inactive} while it holds the line
 */
public record AnsweredStream(SelectedAudio audio, int port, boolean disabled, MediaDirection direction) {
    public AnsweredStream {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(direction, "direction");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("local RTP port out of range: " + port);
        }
        if (direction != MediaDirection.RECVONLY && direction != MediaDirection.INACTIVE) {
            throw new IllegalArgumentException("a recorder answers recvonly or inactive, not " + direction);
        }
    }

    /** How an offer's line is answered: {@code recvonly} when the offerer sends on it, else {@code inactive}. */
    static AnsweredStream to(SelectedAudio audio, int port, OfferedMedia offered) {
        boolean disabled = offered.port() == 0;
        boolean sends = !disabled && offered.direction().offererSends();
        return new AnsweredStream(audio, port, disabled, sends ? MediaDirection.RECVONLY : MediaDirection.INACTIVE);
    }

    /** The port the answer's m-line carries. */
    public int answeredPort() {
        return disabled ? 0 : port;
    }

    /** Whether media flows on the line ({@code recvonly}), as opposed to being held. */
    public boolean receives() {
        return direction == MediaDirection.RECVONLY;
    }
}
