package org.activerecorder.sip.handler;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Which source addresses may talk SIP to the recorder (recorder.sip.allowed-peers), and a log line the
 * first time each other address is refused: a misconfigured Media Server shows up once in the log
 * instead of once per OPTIONS keep-alive. The memory of refused peers is capped, so a scan from many
 * addresses cannot grow it without bound; past the cap refusals are no longer logged individually.
 */
public final class PeerFilter {

    private static final Logger LOG = Logger.getLogger(PeerFilter.class.getName());
    static final int MAX_REMEMBERED_REFUSALS = 1024;

    private final Set<InetAddress> allowed;
    private final Set<InetAddress> refused = ConcurrentHashMap.newKeySet();

    /** @param allowed the peers' addresses, compared by address (so ::1 and 0:0:0:0:0:0:0:1 are the same) */
    public PeerFilter(Set<InetAddress> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public boolean allows(InetAddress peer) {
        return peer != null && allowed.contains(peer);
    }

    /**
     * Notes a refusal; logs it if this peer was not refused before.
     *
     * @return true when this was the first refusal of the peer (and was logged)
     */
    public boolean refused(InetAddress peer, String method) {
        if (refused.size() >= MAX_REMEMBERED_REFUSALS || !refused.add(peer)) {
            return false;
        }
        LOG.warning(() -> "Refusing SIP from " + (peer == null ? "an unknown address" : peer.getHostAddress())
                + " (first request: " + method + "): not in recorder.sip.allowed-peers "
                + allowed.stream().map(InetAddress::getHostAddress).toList()
                + ". Further requests from this peer are refused without logging.");
        if (refused.size() == MAX_REMEMBERED_REFUSALS) {
            LOG.warning("Refused " + MAX_REMEMBERED_REFUSALS + " different peers; further new peers are refused without logging.");
        }
        return true;
    }
}
