package org.activerecorder.testsupport.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays an {@link RtpScript} as a Media Server sends a party's audio: RTP over UDP from 127.0.0.1, paced in real
 * time (one 20 ms packet every 20 ms), from the socket whose port the SDP offer announced ({@link #port()}), or
 * after a {@link RtpScript#moveSource()} from a second socket ({@link #movedPort()}).
 *
 * <p>The RTP fields follow RFC 3550 (version 2, random SSRC, sequence and timestamp bases), audio goes with
 * payload type 0 (PCMU) unless told otherwise, telephone events (RFC 4733) with payload type 101, comfort noise
 * (RFC 3389) with 13 and a one-byte noise level. Another codec is a payload type, its RTP clock rate (which the
 * timestamps and event durations count) and its octets per 20 ms packet (the four-argument constructor); a codec
 * whose packets vary in length (Opus: 48000 Hz clock) sends a {@link RtpScript#packets} step, one payload a packet.
 */
public final class RtpSender implements AutoCloseable {

    public static final int SAMPLES_PER_PACKET = 160;
    public static final long PACKET_NANOS = 20_000_000L;
    public static final int COMFORT_NOISE = 13;
    private static final int HEADER = 12;
    /** The longest payload of a {@link RtpScript#packets} step: an Opus packet is at most 1275 octets a frame. */
    private static final int MAX_VARIABLE_PAYLOAD = 1_500;
    /** RFC 4733 §2.5.1.2: the end packet is sent three times. */
    private static final int END_PACKETS = 3;
    /** -10 dBm0, a usual DTMF level. */
    private static final int DTMF_VOLUME = 10;
    /** -60 dBov: comfort noise a listener can barely hear. */
    private static final byte NOISE_LEVEL = 60;

    private final DatagramSocket socket;
    private final DatagramSocket movedSocket;
    private final int audioPayloadType;
    private final int telephoneEventPayloadType;
    private final int clockRate;
    private final int octetsPerPacket;

    /** A PCMU sender with telephone events on payload type 101, as the simulators' offers announce. */
    public RtpSender() throws IOException {
        this(0, 101);
    }

    /** A G.711 sender (8000 Hz clock, 160 octets a packet). */
    public RtpSender(int audioPayloadType, int telephoneEventPayloadType) throws IOException {
        this(audioPayloadType, telephoneEventPayloadType, 8000, SAMPLES_PER_PACKET);
    }

    /**
     * A sender of any codec whose 20 ms packets are {@code octetsPerPacket} octets: G.722 (8000 Hz clock, 160),
     * L16/16000 (16000 Hz clock, 640), L16/8000 (8000, 320).
     */
    public RtpSender(int audioPayloadType, int telephoneEventPayloadType, int clockRate, int octetsPerPacket)
            throws IOException {
        this.audioPayloadType = audioPayloadType;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        this.clockRate = clockRate;
        this.octetsPerPacket = octetsPerPacket;
        this.socket = bindEvenPort();
        this.movedSocket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }

    /** The local port, announced in the SDP offer's m= line. */
    public int port() {
        return socket.getLocalPort();
    }

    /** The port packets leave from after {@link RtpScript#moveSource()}. */
    public int movedPort() {
        return movedSocket.getLocalPort();
    }

    /**
     * Sends {@code payload} as audio; returns when the last packet is sent.
     *
     * @return when the first packet was sent
     */
    public Instant send(byte[] payload, InetSocketAddress target) {
        return play(RtpScript.create().audio(payload), target).first();
    }

    /**
     * Plays the script to {@code target} in real time; returns when its last step is done.
     *
     * @throws UncheckedIOException if a datagram cannot be sent (so it can run in a CompletableFuture)
     */
    public Played play(RtpScript script, InetSocketAddress target) {
        return new Performance(target).perform(script);
    }

    @Override
    public void close() {
        socket.close();
        movedSocket.close();
    }

    /** One playing of a script: the stream's RTP state and the clock. */
    private final class Performance {
        private final InetSocketAddress target;
        private final byte[] packet = new byte[HEADER + Math.max(octetsPerPacket, MAX_VARIABLE_PAYLOAD)];
        private final long ticksPerPacket = clockRate / 50;
        private final ByteBuffer buffer = ByteBuffer.wrap(packet);
        private final long startNanos = System.nanoTime();
        private final Instant startInstant = Instant.now();
        private final Map<String, Instant> marks = new HashMap<>();
        private final Map<String, Played.CueRun> cues = new HashMap<>();
        /**
         * Marks named since a hold with the clock stopped (and since the last cue after it), before its first packet
         * went out: they name the hold's end, and move with that packet.
         */
        private final List<String> marksAtHoldEnd = new ArrayList<>();
        private boolean holdEnding;
        private DatagramSocket from = socket;
        private int ssrc = ThreadLocalRandom.current().nextInt();
        private int sequence = ThreadLocalRandom.current().nextInt(0, 65536);
        private long timestamp = ThreadLocalRandom.current().nextLong(0, 1L << 32);
        private long due = startNanos;
        private boolean marker = true;
        private Instant first;
        private Instant last;
        private int audio;
        private int comfortNoise;
        private int events;
        private int lost;

        Performance(InetSocketAddress target) {
            this.target = target;
        }

        Played perform(RtpScript script) {
            for (RtpScript.Step step : script.steps()) {
                perform(step);
            }
            return new Played(first, last, marks, cues, audio, comfortNoise, events, lost);
        }

        private void perform(RtpScript.Step step) {
            if (step instanceof RtpScript.Audio a) {
                audio(a.payload());
            } else if (step instanceof RtpScript.Packets p) {
                p.payloads().forEach(payload -> packet(payload, 0, payload.length));
            } else if (step instanceof RtpScript.Silence s) {
                quiet(s.length().toNanos(), true);
            } else if (step instanceof RtpScript.Hold h) {
                quiet(h.length().toNanos(), false);
            } else if (step instanceof RtpScript.ComfortNoise c) {
                comfortNoise(c.length().toNanos(), c.every().toNanos());
            } else if (step instanceof RtpScript.Loss l) {
                loss(l.length().toNanos());
            } else if (step instanceof RtpScript.SequenceRestart) {
                // far from the old numbers both ways (> RFC 3550's MAX_DROPOUT and MAX_MISORDER)
                sequence = (sequence + 10_000 + ThreadLocalRandom.current().nextInt(45_536)) & 0xFFFF;
            } else if (step instanceof RtpScript.SsrcChange) {
                ssrc = ssrc + 1 + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE - 1);
                sequence = ThreadLocalRandom.current().nextInt(0, 65536);
                timestamp = ThreadLocalRandom.current().nextLong(0, 1L << 32);
            } else if (step instanceof RtpScript.SourceMove) {
                from = movedSocket;
            } else if (step instanceof RtpScript.Dtmf d) {
                dtmf(RtpScript.DtmfCodes.event(d.digit()), d.length().toNanos());
            } else if (step instanceof RtpScript.Mark m) {
                marks.put(m.name(), instantOf(due));
                if (holdEnding) {
                    marksAtHoldEnd.add(m.name());
                }
            } else if (step instanceof RtpScript.Action a) {
                marksAtHoldEnd.clear(); // the cue's own mark and those before it name when it ran, not the hold's end
                cue(a.mark(), a.cue());
            } else {
                throw new IllegalArgumentException("unknown step " + step);
            }
        }

        /**
         * Waits until the cue's point in time, then runs it, noting when it began and returned: a busy machine may wake
         * this thread late for it, and what the cue asks of the recorder (a hold) reaches it some time before the cue
         * returns (its answer).
         */
        private void cue(String mark, RtpScript.Cue cue) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long began = System.nanoTime();
            try {
                cue.run();
            } catch (Exception failure) {
                throw new IllegalStateException("cue at " + instantOf(due) + " failed", failure);
            }
            cues.put(mark, new Played.CueRun(instantOf(began), instantOf(System.nanoTime())));
        }

        private void audio(byte[] payload) {
            for (int offset = 0; offset + octetsPerPacket <= payload.length; offset += octetsPerPacket) {
                packet(payload, offset, octetsPerPacket);
            }
        }

        /** One 20 ms packet of audio: {@code length} octets of {@code payload} from {@code offset}. */
        private void packet(byte[] payload, int offset, int length) {
            header(audioPayloadType, marker, timestamp);
            buffer.put(payload, offset, length);
            send();
            marker = false;
            audio++;
            sequence++;
            timestamp += ticksPerPacket;
            due += PACKET_NANOS;
        }

        /**
         * Nothing sent for a while, with the RTP clock running (silence) or stopped (hold). A hold counts from now when
         * the sender runs late (a cue answered late): with the clock stopped, the receiver places what follows by its
         * arrival, and packets due during a late cue would go out in a burst at its return, earlier than the hold's
         * end that the marks after it name.
         */
        private void quiet(long nanos, boolean clockRuns) {
            if (clockRuns) {
                timestamp += samples(nanos);
            } else {
                due = Math.max(due, System.nanoTime());
                holdEnding = true;
                marksAtHoldEnd.clear();
            }
            due += nanos;
            marker = true;
        }

        private void comfortNoise(long nanos, long every) {
            long start = due;
            long startTimestamp = timestamp;
            for (long offset = 0; offset < nanos; offset += every) {
                due = start + offset;
                header(COMFORT_NOISE, false, startTimestamp + samples(offset));
                buffer.put(NOISE_LEVEL);
                send();
                comfortNoise++;
                sequence++;
            }
            due = start + nanos;
            timestamp = startTimestamp + samples(nanos);
            marker = true;
        }

        private void loss(long nanos) {
            int packets = (int) (nanos / PACKET_NANOS);
            sequence += packets;
            timestamp += packets * ticksPerPacket;
            due += nanos;
            lost += packets;
        }

        /** RFC 4733 §2.5: one event, its start timestamp on every packet, its duration growing, then ended. */
        private void dtmf(int event, long nanos) {
            int packets = (int) (nanos / PACKET_NANOS);
            for (int k = 0; k < packets; k++) {
                boolean end = k == packets - 1;
                int duration = (int) ((k + 1) * ticksPerPacket);
                for (int copy = 0; copy < (end ? END_PACKETS : 1); copy++) {
                    header(telephoneEventPayloadType, k == 0, timestamp);
                    buffer.put((byte) event).put((byte) ((end ? 0x80 : 0) | DTMF_VOLUME)).putShort((short) duration);
                    send();
                    events++;
                    sequence++;
                }
                due += PACKET_NANOS;
            }
            timestamp += packets * ticksPerPacket;
        }

        private void header(int payloadType, boolean mark, long rtpTimestamp) {
            buffer.clear();
            buffer.put((byte) 0x80).put((byte) ((mark ? 0x80 : 0) | payloadType))
                    .putShort((short) sequence).putInt((int) rtpTimestamp).putInt(ssrc);
        }

        /**
         * Sends the buffer's packet when it is due. The first packet after a hold with the clock stopped is placed by
         * its arrival, so when this thread wakes late for it (a busy machine: 200 ms once in CI), the hold ended when
         * it went out, not when it was due: the schedule and the marks named at the hold's end move with it.
         */
        private void send() {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (holdEnding) {
                holdEnding = false;
                long late = System.nanoTime() - due;
                if (late > 0) {
                    due += late;
                    marksAtHoldEnd.forEach(name -> marks.put(name, instantOf(due)));
                }
                marksAtHoldEnd.clear();
            }
            try {
                from.send(new DatagramPacket(packet, buffer.position(), target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant sent = instantOf(due);
            if (first == null) {
                first = sent;
            }
            last = sent;
        }

        private Instant instantOf(long nanos) {
            return startInstant.plusNanos(nanos - startNanos);
        }

        /** RTP clock ticks in {@code nanos}. */
        private long samples(long nanos) {
            return nanos * clockRate / 1_000_000_000L;
        }
    }

    private static DatagramSocket bindEvenPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket candidate = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            if (candidate.getLocalPort() % 2 == 0) {
                return candidate;
            }
            candidate.close();
        }
        throw new IOException("no even UDP port on 127.0.0.1 in 50 attempts");
    }
}
