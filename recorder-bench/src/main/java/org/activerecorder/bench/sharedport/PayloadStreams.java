package org.activerecorder.bench.sharedport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Every stream of a shared port as the anchor writes it: the packet's SSRC picks the stream ({@link SsrcIndex}),
 * whose payload (after the 12-byte header) goes to its {@link PayloadFile}. The files are opened before the first
 * packet, as the anchor opens its sockets and files, so the receive path opens nothing.
 */
final class PayloadStreams implements DatagramConsumer {

    private final SsrcDemux demux;
    private final PayloadFile[] files;

    PayloadStreams(int streams, Path folder) throws IOException {
        demux = new SsrcDemux(streams);
        files = new PayloadFile[streams];
        for (int i = 0; i < streams; i++) {
            files[i] = new PayloadFile(folder.resolve(String.format("s%05d.ulaw", i)));
        }
    }

    @Override
    public void accept(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) throws IOException {
        int start = datagram.position();
        int length = datagram.remaining();
        PayloadFile file = fileOf(datagram.get(start), datagram.getInt(start + 8), length);
        if (file == null) {
            return;
        }
        file.count(datagram.getShort(start + 2) & 0xffff, length);
        datagram.position(start + SsrcDemux.HEADER);
        file.room(length - SsrcDemux.HEADER).put(datagram);
    }

    /**
     * The file of a datagram of {@code length} bytes whose first byte is {@code first} and SSRC {@code ssrc}, or
     * null (counted) when it is no RTP version 2 packet or its SSRC finds no room.
     */
    PayloadFile fileOf(byte first, int ssrc, int length) {
        int stream = demux.streamOf(first, ssrc, length);
        return stream < 0 ? null : files[stream];
    }

    @Override
    public Totals finish() throws IOException {
        long expected = 0;
        long lost = 0;
        long bytes = 0;
        int seen = 0;
        for (PayloadFile file : files) {
            file.close();
            if (!file.started()) {
                continue;
            }
            seen++;
            expected += file.expected();
            bytes += file.bytes();
            lost += Math.max(0, file.expected() - file.packets());
        }
        return new Totals(files.length, seen, demux.received(), bytes, expected, lost, demux.bad(),
                demux.unknownSsrc());
    }
}
