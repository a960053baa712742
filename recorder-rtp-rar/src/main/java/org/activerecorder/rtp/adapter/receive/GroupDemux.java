package org.activerecorder.rtp.adapter.receive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which stream a datagram on an RTP port shared by a group of streams belongs to: the first slice of
 * docs/port-groups.md (rules 1-3), built and tested on its own before any socket is shared. Not wired into the
 * receive loop yet; today every stream still has a port of its own.
 *
 * <p>A stream joins with the address of the peer its SDP named ({@code null} when none was named), unlatched. A
 * datagram from a source (address and port) that a member has latched belongs to that member. A datagram from a new
 * source belongs to the one unlatched member whose peer has that address, which latches to it. {@link #admits} keeps
 * that member unique: a group takes no second unlatched member for the same address (nor any beside one that named
 * none), so that no SSRC has to be announced in the SDP to tell two new streams of one Media Server apart. A
 * datagram from a new source whose SSRC is exactly one latched member's goes to that member without moving it: the
 * member's own {@code SourceRelatch} decides whether its sender moved there, and the loop then reports the move with
 * {@link #moved}. Anything else is foreign, counted, and belongs to no member.
 *
 * <p>Routing a datagram from a latched source allocates nothing (a map lookup by the source's address). Used by one
 * receive loop's thread only.
 *
 * @param <M> the member, a stream
 */
public final class GroupDemux<M> {

    private static final class Entry<M> {
        final M member;
        final InetAddress peer;
        InetSocketAddress source;
        int ssrc;

        Entry(M member, InetAddress peer) {
            this.member = member;
            this.peer = peer;
        }

        boolean latched() {
            return source != null;
        }

        /** Whether a datagram from {@code address} may latch this member while it is unlatched. */
        boolean awaits(InetAddress address) {
            return peer == null || peer.equals(address);
        }
    }

    private final Map<InetSocketAddress, Entry<M>> bySource = new HashMap<>();
    private final List<Entry<M>> entries = new ArrayList<>();
    private long foreign;

    /**
     * Whether a new member whose SDP named {@code peer} may join: no unlatched member awaits the same address, so
     * that a datagram from a new source can latch at most one of them.
     */
    public boolean admits(InetAddress peer) {
        for (Entry<M> entry : entries) {
            if (!entry.latched() && (peer == null || entry.awaits(peer))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds {@code member}, unlatched, awaiting datagrams from {@code peer} ({@code null}: from any address).
     *
     * @throws IllegalStateException if the group does not {@link #admits admit} it, or it is a member already
     */
    public void add(M member, InetAddress peer) {
        Objects.requireNonNull(member, "member");
        if (find(member) != null) {
            throw new IllegalStateException(member + " is a member already");
        }
        if (!admits(peer)) {
            throw new IllegalStateException("another unlatched member awaits " + peer + ": choose another group");
        }
        entries.add(new Entry<>(member, peer));
    }

    /**
     * The member a datagram from {@code source} with SSRC {@code ssrc} belongs to, latching an unlatched member to a
     * new source that only it awaits; {@code null} (counted as foreign) when it belongs to none.
     */
    public M route(InetSocketAddress source, int ssrc) {
        Entry<M> latched = bySource.get(source);
        if (latched != null) {
            latched.ssrc = ssrc;
            return latched.member;
        }
        Entry<M> awaiting = null;
        Entry<M> sameSsrc = null;
        int ssrcMatches = 0;
        for (Entry<M> entry : entries) {
            if (!entry.latched()) {
                if (entry.awaits(source.getAddress())) {
                    awaiting = entry; // admits() lets at most one await any address
                }
            } else if (entry.ssrc == ssrc) {
                sameSsrc = entry;
                ssrcMatches++;
            }
        }
        if (awaiting != null) {
            awaiting.source = source;
            awaiting.ssrc = ssrc;
            bySource.put(source, awaiting);
            return awaiting.member;
        }
        if (ssrcMatches == 1) {
            return sameSsrc.member; // its sender may have moved: the member's SourceRelatch judges
        }
        foreign++; // no member, or an SSRC two members share: never guessed
        return null;
    }

    /** {@code member}'s sender moved to {@code source} (its {@code SourceRelatch} followed it there). */
    public void moved(M member, InetSocketAddress source) {
        Entry<M> entry = find(member);
        if (entry == null) {
            throw new IllegalArgumentException(member + " is no member");
        }
        Entry<M> other = bySource.get(source);
        if (other != null && other != entry) {
            throw new IllegalStateException(source + " is latched by " + other.member);
        }
        if (entry.source != null) {
            bySource.remove(entry.source);
        }
        entry.source = source;
        bySource.put(source, entry);
    }

    /** Takes {@code member} out; its source is foreign from now on. Returns whether it was a member. */
    public boolean remove(M member) {
        Entry<M> entry = find(member);
        if (entry == null) {
            return false;
        }
        entries.remove(entry);
        if (entry.source != null) {
            bySource.remove(entry.source);
        }
        return true;
    }

    /** Members now. */
    public int size() {
        return entries.size();
    }

    /** Datagrams that belonged to no member so far. */
    public long foreign() {
        return foreign;
    }

    /** The source {@code member} is latched to, or {@code null}. */
    public InetSocketAddress sourceOf(M member) {
        Entry<M> entry = find(member);
        return entry == null ? null : entry.source;
    }

    private Entry<M> find(M member) {
        for (Entry<M> entry : entries) {
            if (entry.member.equals(member)) {
                return entry;
            }
        }
        return null;
    }
}
