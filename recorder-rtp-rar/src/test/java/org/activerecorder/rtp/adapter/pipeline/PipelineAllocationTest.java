package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.fixtures.RtpPacketWriter;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The no-allocation rule of the receive path, for the pipeline alone and for every path a packet can take: after a
 * warm-up (which also fills the bounded gap and DTMF lists, and makes the one-time copies of held packets), a stream
 * of packets on that path allocates nothing on the calling thread.
 */
class PipelineAllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;
    /** Bytes for the whole measured run: room for the measuring call itself, none for anything per packet. */
    private static final long BUDGET = 1_024;

    /** One way through the pipeline, as a rule that turns packet index {@code i} into datagrams. */
    enum PacketPath {
        IN_ORDER(s -> s.packetsReceived() == s.packetsExpected()) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i, i);
            }
        },
        LOSS(s -> s.packetsLost() > 0) {
            @Override
            void send(Feed feed, int i) {
                if (i % 7 != 3) {
                    feed.audio(i, i, i);
                }
            }
        },
        REORDER(s -> s.packetsLost() == 0 && s.packetsReceived() == s.packetsExpected()) {
            @Override
            void send(Feed feed, int i) {
                int packet = i % 10 == 4 ? i + 1 : i % 10 == 5 ? i - 1 : i;
                feed.audio(packet, packet, i);
            }
        },
        DUPLICATE(s -> s.packetsDuplicate() > 0) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i, i);
                if (i % 5 == 0) {
                    feed.audio(i, i, i);
                }
            }
        },
        LATE(s -> s.packetsLate() > 100) {
            @Override
            void send(Feed feed, int i) {
                if (i % 30 != 20) {
                    feed.audio(i, i, i);
                }
                if (i % 30 == 10 && i > 200) {
                    feed.audio(i - 200, i - 200, i); // the packet missing 4 s ago
                }
            }
        },
        FAR_BEHIND_ON_PROBATION(s -> s.packetsLate() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i, i);
                if (i % 100 == 99) {
                    feed.audio(i - 1_000, i - 1_000, i);
                }
            }
        },
        SEQUENCE_RESTART(s -> s.sequenceRestarts() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i % 50 + (i / 50) * 10_000, i, i);
            }
        },
        SSRC_CHANGE(s -> s.ssrcChanges() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.packet(false, StreamHarness.PT, i, (i + (i / 50) * 777L) * 160, 100 + i / 50,
                        feed.source, i);
            }
        },
        TIMESTAMP_JUMP(s -> s.timestampJumps() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i % 50 + (i / 50) * 1_000_003L, i);
            }
        },
        HOLD_WITH_A_FROZEN_CLOCK(s -> s.timestampJumps() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i, i + (i / 30) * 50L); // 0.6 s of talk, 1 s of hold: the warm-up fills the gap list
            }
        },
        LONG_GAPS_SKIPPED(s -> s.samplesWritten() > 10L * 3600 * 8000) {
            @Override
            void send(Feed feed, int i) {
                long gap = (i / 20) * 1_500L;
                feed.audio(i, i + gap, i + gap);
            }
        },
        COMFORT_NOISE(s -> s.comfortNoisePackets() > 100) {
            @Override
            void send(Feed feed, int i) {
                if (i % 20 < 10) {
                    feed.audio(i, i, i);
                } else {
                    feed.packet(false, StreamSpec.COMFORT_NOISE_PAYLOAD_TYPE, i, i * 160L, 1, feed.source, i);
                }
            }
        },
        TELEPHONE_EVENT(s -> s.telephoneEventPackets() > 100) {
            @Override
            void send(Feed feed, int i) {
                if (i % 50 < 6) {
                    long start = (i / 50) * 50L * 160;
                    RtpPacketWriter.telephoneEvent(feed.buffer, StreamHarness.DTMF_PT, i, start, 1, i / 50 % 16,
                            i % 50 >= 3, (i % 50 + 1) * 160);
                    feed.accept(feed.source, i);
                } else {
                    feed.audio(i, i, i);
                }
            }
        },
        PAUSED(s -> s.packetsReceived() > 100) {
            @Override
            void send(Feed feed, int i) {
                if (i == 0) {
                    feed.pipeline.pause(Feed.nanos(0));
                }
                feed.audio(i, i, i);
            }
        },
        PAUSE_AND_RESUME(s -> s.packetsReceived() > 100) {
            @Override
            void send(Feed feed, int i) {
                if (i % 50 == 10) {
                    feed.pipeline.pause(Feed.nanos(i));
                } else if (i % 50 == 30) {
                    feed.pipeline.resume(Feed.nanos(i));
                }
                feed.audio(i, i, i);
            }
        },
        SOURCE_CANDIDATE_FORGOTTEN(s -> s.packetsForeign() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i, i);
                if (i % 50 == 25) {
                    feed.packet(false, StreamHarness.PT, i + 1, (i + 1) * 160L, 1, feed.otherPort, i);
                }
            }
        },
        SOURCE_MOVES(s -> s.sourceMoves() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.packet(false, StreamHarness.PT, i, i * 160L, 1, (i / 100) % 2 == 0 ? feed.source : feed.otherPort,
                        i);
            }
        },
        FOREIGN_AND_MALFORMED(s -> s.packetsForeign() > 100 && s.packetsMalformed() > 100) {
            @Override
            void send(Feed feed, int i) {
                feed.audio(i, i, i);
                if (i % 10 == 0) {
                    feed.packet(false, StreamHarness.PT, i, i * 160L, 1, feed.stranger, i);
                } else if (i % 10 == 5) {
                    feed.buffer.clear().put((byte) 1).flip();
                    feed.accept(feed.source, i);
                }
            }
        },
        READ_LATE_FROM_A_BACKLOG(s -> s.timestampJumps() == 0 && s.packetsReceived() == s.packetsExpected()) {
            @Override
            void send(Feed feed, int i) {
                int block = i / 60;
                // every 1.2 s the loop falls 600 ms behind: packets 30-59 of the block are read at once, late
                feed.audio(i, i, i % 60 < 30 ? i : block * 60 + 59);
            }
        },
        TAPPED(s -> s.packetsReceived() > 100) {
            @Override
            void send(Feed feed, int i) {
                if (i == 0) {
                    feed.pipeline.tap((id, position, samples, offset, count) -> feed.heard += count);
                }
                feed.audio(i, i, i);
            }
        };

        private final Predicate<StreamStatistics> reached;

        PacketPath(Predicate<StreamStatistics> reached) {
            this.reached = reached;
        }

        abstract void send(Feed feed, int i);

        /** Whether the stream's counters show that the packets went the way this path is about. */
        boolean reached(StreamStatistics statistics) {
            return reached.test(statistics);
        }
    }

    /**
     * Every path, for G.711 and for G.722: its packets have the same 160 octets and 160 ticks per 20 ms, but decode to
     * 320 samples of 16 kHz audio with a decoder that keeps state, so every position, gap and pause of the path is
     * converted from the RTP clock to another rate.
     */
    static Stream<Arguments> pathsAndCodecs() {
        return Stream.of(AudioCodec.PCMU, AudioCodec.G722)
                .flatMap(codec -> Stream.of(PacketPath.values()).map(path -> Arguments.of(path, codec)));
    }

    @ParameterizedTest
    @MethodSource("pathsAndCodecs")
    void allocatesNothingPerPacket(PacketPath path, AudioCodec codec) {
        Feed feed = new Feed(codec);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < WARM_UP; i++) {
            path.send(feed, i);
        }

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = WARM_UP; i < WARM_UP + MEASURED; i++) {
            path.send(feed, i);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertTrue(allocated < BUDGET, path + " allocated " + allocated + " bytes for " + MEASURED + " packets");
        StreamStatistics statistics = feed.pipeline.statistics();
        assertTrue(path.reached(statistics), path + " did not go its way: " + statistics);
        assertTrue(statistics.packetsReceived() > MEASURED / 2, "the path reaches the audio: " + statistics);
        if (path == PacketPath.PAUSED) {
            assertTrue(feed.pipeline.paused());
        } else if (path == PacketPath.TAPPED) {
            assertTrue(feed.heard > MEASURED * 160L);
        } else if (path == PacketPath.READ_LATE_FROM_A_BACKLOG) {
            String diagnostics = feed.pipeline.diagnostics();
            long backlogs = Long.parseLong(diagnostics.replaceAll(".*backlogs=(\\d+).*", "$1"));
            assertTrue(backlogs > 100, "each late read taken as one: " + diagnostics);
        }
    }

    /** One pipeline into a sink that keeps nothing, and a reused datagram buffer. */
    static final class Feed {
        final InetSocketAddress source = new InetSocketAddress("127.0.0.1", 40_000);
        final InetSocketAddress otherPort = new InetSocketAddress("127.0.0.1", 40_002);
        final InetSocketAddress stranger = new InetSocketAddress("192.0.2.1", 40_000);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(2_048);
        final short[] scratch = new short[65_536];
        final StreamPipeline pipeline;
        long heard;

        /** A stream of {@code codec}, whose packets are 160 octets and 160 ticks of its RTP clock (G.711, G.722). */
        Feed(AudioCodec codec) {
            pipeline = new StreamPipeline(new StreamSpec("s", codec, StreamHarness.PT, StreamHarness.DTMF_PT, null,
                    Path.of("unused.wav")), AllowedPeers.parse("127.0.0.1"), new NullSink());
        }

        /** Audio packet with sequence {@code seq}, stamped {@code tsPackets} packets in, arriving {@code atPackets} in. */
        void audio(int seq, long tsPackets, long atPackets) {
            packet(false, StreamHarness.PT, seq, tsPackets * 160, 1, source, atPackets);
        }

        void packet(boolean marker, int payloadType, int seq, long timestamp, long ssrc, InetSocketAddress from,
                    long atPackets) {
            RtpPacketWriter.write(buffer, marker, payloadType, seq, timestamp, ssrc, 160, (byte) 0x21);
            accept(from, atPackets);
        }

        void accept(InetSocketAddress from, long atPackets) {
            pipeline.accept(buffer, from, nanos(atPackets), scratch);
        }

        static long nanos(long atPackets) {
            return 1_000_000_000L + atPackets * 20_000_000L;
        }
    }

    /** Writes nowhere: only the pipeline's own allocations are measured. */
    static final class NullSink implements SampleSink {
        @Override
        public void append(ByteBuffer samples) {
            samples.position(samples.limit());
        }

        @Override
        public void skip(long samples) {
        }

        @Override
        public void commit() {
        }
    }
}
