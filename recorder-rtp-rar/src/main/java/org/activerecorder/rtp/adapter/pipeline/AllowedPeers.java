package org.activerecorder.rtp.adapter.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosts the recorder accepts media from (the {@code allowedPeers} setting): datagrams from any other
 * host are counted as foreign and dropped before they are even parsed, so a port scan or a stray stream
 * cannot latch on to a recording.
 *
 * <p>Checked per packet, so it is a linear scan over a small array ({@link InetAddress#equals} compares raw
 * address bytes and allocates nothing). {@code *} accepts every host.
 */
public final class AllowedPeers {

    private static final AllowedPeers ANY = new AllowedPeers(new InetAddress[0], true);

    private final InetAddress[] addresses;
    private final boolean any;

    private AllowedPeers(InetAddress[] addresses, boolean any) {
        this.addresses = addresses;
        this.any = any;
    }

    /**
     * Parses a comma-separated list of addresses (host names are resolved once, here), or {@code *}.
     *
     * @throws IllegalArgumentException when the list is empty or an entry does not resolve
     */
    public static AllowedPeers parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("allowedPeers is empty; list the media servers' addresses, or * for any host");
        }
        if (list.trim().equals("*")) {
            return ANY;
        }
        List<InetAddress> resolved = new ArrayList<>();
        for (String entry : list.split(",")) {
            String host = entry.trim();
            if (host.isEmpty()) {
                continue;
            }
            try {
                resolved.addAll(List.of(InetAddress.getAllByName(host)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("allowedPeers entry does not resolve: " + host, e);
            }
        }
        if (resolved.isEmpty()) {
            throw new IllegalArgumentException("allowedPeers names no host: '" + list + "'");
        }
        return new AllowedPeers(resolved.toArray(new InetAddress[0]), false);
    }

    /** Every host is allowed. */
    public static AllowedPeers any() {
        return ANY;
    }

    public boolean allows(InetAddress address) {
        if (any) {
            return true;
        }
        for (InetAddress allowed : addresses) {
            if (allowed.equals(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        if (any) {
            return "*";
        }
        StringBuilder text = new StringBuilder();
        for (InetAddress address : addresses) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(address.getHostAddress());
        }
        return text.toString();
    }
}
