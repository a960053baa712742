package org.activerecorder.rtp.adapter.receive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Which stream a datagram on an RTP port shared by a group of streams belongs to: rules 1-3 of docs/port-groups.md.
 * {@link PortGroup} holds one per shared port, and the {@code ReceiveLoop} routes every datagram of that port through
 * it.
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
        /** The source its SDP named, address and port, or {@code null}. */
        final InetSocketAddress expected;
        InetSocketAddress source;
        int ssrc;
        /** The next member latched to the same source: a sender that sends several streams from one port. */
        Entry<M> next;
        /** The SSRC before the latest change, once one changed. */
        int previousSsrc;
        boolean ssrcChanged;

        Entry(M member, InetAddress peer, InetSocketAddress expected) {
            this.member = member;
            this.peer = peer;
            this.expected = expected;
        }

        boolean latched() {
            return source != null;
        }

        /** Whether a datagram from {@code address} may latch this member while it is unlatched. */
        boolean awaits(InetAddress address) {
            return peer == null || peer.equals(address);
        }
    }

    /** How the latest datagram was routed ({@link #lastRoute}). */
    public enum Route {
        /** From a source a member is latched to. */
        LATCHED,
        /** From a new source, which the member awaiting its address latched to now. */
        LATCHED_NOW,
        /** From a new source, with the SSRC of exactly one latched member: its sender may have moved. */
        SAME_SSRC,
        /** To no member: the SSRC of a member that ended, from a source other members are still latched to. */
        FORMER,
        /** To no member. */
        FOREIGN
    }

    /** The most sources of ended members remembered ({@link #former}). */
    static final int FORMER_SOURCES = 256;

    private final Map<InetSocketAddress, Entry<M>> bySource = new HashMap<>();
    /**
     * The sources of the latest members removed, oldest first: what still comes from them (a packet sent after the
     * BYE) is foreign, never taken for another member's sender moving, and expected ({@link #isFormer}).
     */
    private final Set<InetSocketAddress> former = new LinkedHashSet<>();
    /**
     * The SSRCs of the latest members removed while their source still had other members (a sender of several streams
     * from one port, rule 8), oldest first: what still comes with them is foreign, never another member's SSRC
     * changing nor a new member's first datagram.
     */
    private final Set<SourceSsrc> formerSsrcs = new LinkedHashSet<>();
    private final List<Entry<M>> entries = new ArrayList<>();
    private final Predicate<InetAddress> admitted;
    private final BooleanSupplier latecomers;
    private long foreign;
    private long ssrcReturns;
    private Route lastRoute = Route.FOREIGN;

    /** A group whose members may latch to any address. */
    public GroupDemux() {
        this(address -> true, () -> false);
    }

    /** @param admitted the addresses a member may latch to (the allowed peers) */
    public GroupDemux(Predicate<InetAddress> admitted) {
        this(admitted, () -> false);
    }

    /**
     * @param admitted   the addresses a member may latch to (the allowed peers)
     * @param latecomers asked before a datagram is taken for foreign: adds the members that joined meanwhile and says
     *                   whether there were any, so that the datagram is routed again among them
     */
    public GroupDemux(Predicate<InetAddress> admitted, BooleanSupplier latecomers) {
        this.admitted = Objects.requireNonNull(admitted, "admitted");
        this.latecomers = Objects.requireNonNull(latecomers, "latecomers");
    }

    /**
     * Whether a new member whose SDP named {@code peer} may join: no unlatched member awaits the same address, so
     * that a datagram from a new source can latch at most one of them.
     */
    public boolean admits(InetAddress peer) {
        for (Entry<M> entry : entries) {
            if (!entry.latched() && awaitSame(entry.peer, peer)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two unlatched members awaiting {@code one} and {@code other} could both take a datagram from one new
     * source: the same address, or either awaits any ({@code null}). Rule 1 keeps such members in different groups.
     */
    public static boolean awaitSame(InetAddress one, InetAddress other) {
        return one == null || other == null || one.equals(other);
    }

    /**
     * Adds {@code member}, unlatched, awaiting datagrams from {@code peer} ({@code null}: from any address).
     *
     * @throws IllegalStateException if the group does not {@link #admits admit} it, or it is a member already
     */
    public void add(M member, InetAddress peer) {
        add(member, peer, null);
    }

    /**
     * Adds {@code member}, unlatched, awaiting datagrams from {@code peer} ({@code null}: from any address), whose SDP
     * named {@code expected} (address and port; {@code null} if it named none). A datagram with a new SSRC from a
     * source another member is latched to goes to the member whose SDP named exactly that source, if one awaits it:
     * a sender of several streams from one port (SIPp's RTP, every call's from its one media port).
     *
     * @throws IllegalStateException if the group does not {@link #admits admit} it, or it is a member already
     */
    public void add(M member, InetAddress peer, InetSocketAddress expected) {
        Objects.requireNonNull(member, "member");
        if (find(member) != null) {
            throw new IllegalStateException(member + " is a member already");
        }
        if (!admits(peer)) {
            throw new IllegalStateException("another unlatched member awaits " + peer + ": choose another group");
        }
        entries.add(new Entry<>(member, peer, expected));
    }

    /**
     * The member a datagram from {@code source} with SSRC {@code ssrc} belongs to, latching an unlatched member to a
     * new source that only it awaits; {@code null} (counted as foreign) when it belongs to none.
     */
    public M route(InetSocketAddress source, int ssrc) {
        M member = routeOnce(source, ssrc, true);
        if (member == null) {
            foreign++; // no member, or an SSRC two members share: never guessed
        }
        return member;
    }

    /** @param latecomersFirst whether to admit the latecomers, once, before a new source is judged by its SSRC */
    private M routeOnce(InetSocketAddress source, int ssrc, boolean latecomersFirst) {
        Entry<M> latched = bySource.get(source);
        if (latched != null) {
            if (latched.ssrc == ssrc) {
                lastRoute = Route.LATCHED;
                return latched.member;
            }
            return fromKnownSource(latched, source, ssrc, latecomersFirst);
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
        if (awaiting != null && admitted.test(source.getAddress())) {
            awaiting.source = source;
            awaiting.ssrc = ssrc;
            bySource.put(source, awaiting);
            lastRoute = Route.LATCHED_NOW;
            return awaiting.member;
        }
        if (latecomersFirst && latecomers.getAsBoolean()) {
            // a stream that joined meanwhile may await this source: it comes before any guess by SSRC
            return routeOnce(source, ssrc, false);
        }
        if (ssrcMatches == 1 && !former.contains(source)) {
            // never from an ended member's source: its stragglers would take over a stream that shares its SSRC
            lastRoute = Route.SAME_SSRC;
            return sameSsrc.member; // its sender may have moved: the member's SourceRelatch judges
        }
        lastRoute = Route.FOREIGN;
        return null;
    }

    /**
     * A datagram from a source a member is latched to, with another SSRC than that member's: another member's from
     * the same source; or the first of a member whose SDP named exactly that source and awaits it (a sender of several
     * streams from one port); or, when the source has one member, that member's SSRC changing. With several members
     * on the source and none of them with that SSRC, it cannot be told whose it is: foreign.
     */
    private M fromKnownSource(Entry<M> first, InetSocketAddress source, int ssrc, boolean latecomersFirst) {
        for (Entry<M> entry = first.next; entry != null; entry = entry.next) {
            if (entry.ssrc == ssrc) {
                lastRoute = Route.LATCHED;
                return entry.member;
            }
        }
        if (!formerSsrcs.isEmpty() && formerSsrcs.contains(new SourceSsrc(source, ssrc))) {
            // an ended member's straggler (read after its close, behind a backlog): taken for the one member left on
            // the source changing its SSRC, another call's audio went into that member's file
            lastRoute = Route.FORMER;
            return null;
        }
        Entry<M> named = null;
        for (Entry<M> entry : entries) {
            if (!entry.latched() && source.equals(entry.expected)) {
                named = entry;
            }
        }
        if (named == null && latecomersFirst && latecomers.getAsBoolean()) {
            return routeOnce(source, ssrc, false);
        }
        if (named != null) {
            named.source = source;
            named.ssrc = ssrc;
            named.next = first.next;
            first.next = named;
            lastRoute = Route.LATCHED_NOW;
            return named.member;
        }
        if (first.next != null) {
            lastRoute = Route.FOREIGN;
            return null;
        }
        if (first.ssrcChanged && first.previousSsrc == ssrc) {
            ssrcReturns++;
        }
        first.previousSsrc = first.ssrc;
        first.ssrcChanged = true;
        first.ssrc = ssrc;
        lastRoute = Route.LATCHED;
        return first.member;
    }

    /**
     * The member an RTCP packet from {@code source} whose sender SSRC is {@code ssrc} belongs to (rule 4 of
     * docs/port-groups.md), or {@code null}. RTCP follows RTP and never leads it: it latches no member, moves none and
     * changes no member's SSRC, so a report that comes before a stream's first RTP packet, or whose first words are
     * read as an RTP header, cannot take a stream's place.
     * <ul>
     *   <li>From a source members are latched to (RTCP multiplexed on the RTP port, RFC 5761): the one of the
     *       source's members whose SSRC it is, or the source's only member.</li>
     *   <li>Otherwise (RTCP on a port of its own, sent from the sender's RTCP port): the one latched member whose SSRC
     *       it is; when several have it, the members of the source one port below (RFC 3550's custom, RTP on the even
     *       port and RTCP on the next), told apart as above.</li>
     * </ul>
     * Allocates only in the last case's lookup, which RTCP's rate (a report every few seconds a stream) makes nothing.
     */
    public M routeRtcp(InetSocketAddress source, int ssrc) {
        Entry<M> first = bySource.get(source);
        if (first != null) {
            return ofSource(first, ssrc);
        }
        Entry<M> same = null;
        int matches = 0;
        for (Entry<M> entry : entries) {
            if (entry.latched() && entry.ssrc == ssrc) {
                same = entry;
                matches++;
            }
        }
        if (matches == 1) {
            return same.member;
        }
        if (matches > 1 && source.getPort() > 0) {
            Entry<M> below = bySource.get(new InetSocketAddress(source.getAddress(), source.getPort() - 1));
            if (below != null) {
                return ofSource(below, ssrc);
            }
        }
        return null;
    }

    /** Of the members latched to one source: the one with {@code ssrc}, or the only one; {@code null} otherwise. */
    private static <M> M ofSource(Entry<M> first, int ssrc) {
        for (Entry<M> entry = first; entry != null; entry = entry.next) {
            if (entry.ssrc == ssrc) {
                return entry.member;
            }
        }
        return first.next == null ? first.member : null;
    }

    /** How the latest {@link #route} routed its datagram. */
    public Route lastRoute() {
        return lastRoute;
    }

    /**
     * {@code member}'s sender moved to {@code source} (its {@code SourceRelatch} followed it there). A source another
     * member is latched to takes it beside that member, told apart by SSRC.
     */
    public void moved(M member, InetSocketAddress source) {
        Entry<M> entry = find(member);
        if (entry == null) {
            throw new IllegalArgumentException(member + " is no member");
        }
        if (source.equals(entry.source)) {
            return;
        }
        unlink(entry);
        entry.source = source;
        Entry<M> first = bySource.get(source);
        if (first == null) {
            bySource.put(source, entry);
        } else {
            entry.next = first.next;
            first.next = entry;
        }
    }

    /** Takes a latched entry off its source's members; the source's last leaves it unlatched by anyone. */
    private void unlink(Entry<M> entry) {
        if (entry.source == null) {
            return;
        }
        Entry<M> first = bySource.get(entry.source);
        if (first == entry) {
            if (entry.next == null) {
                bySource.remove(entry.source);
            } else {
                bySource.put(entry.source, entry.next);
            }
        } else {
            for (Entry<M> before = first; before != null; before = before.next) {
                if (before.next == entry) {
                    before.next = entry.next;
                    break;
                }
            }
        }
        entry.next = null;
    }

    /** Takes {@code member} out; its source is foreign from now on. Returns whether it was a member. */
    public boolean remove(M member) {
        Entry<M> entry = find(member);
        if (entry == null) {
            return false;
        }
        entries.remove(entry);
        if (entry.source != null) {
            unlink(entry);
            if (bySource.containsKey(entry.source)) {
                // the sender's other streams go on from it: what still comes with this one's SSRC is foreign
                if (formerSsrcs.size() >= FORMER_SOURCES) {
                    formerSsrcs.remove(formerSsrcs.iterator().next());
                }
                formerSsrcs.add(new SourceSsrc(entry.source, entry.ssrc));
                return true;
            }
            if (former.size() >= FORMER_SOURCES) {
                former.remove(former.iterator().next());
            }
            former.add(entry.source);
        }
        return true;
    }

    /** A source and an SSRC that came from it. */
    private record SourceSsrc(InetSocketAddress source, int ssrc) {
    }

    /** Whether {@code source} was an ended member's (one of the latest {@value #FORMER_SOURCES}). */
    public boolean isFormer(InetSocketAddress source) {
        return former.contains(source);
    }

    /** Whether {@code member} is one. */
    public boolean contains(M member) {
        return find(member) != null;
    }

    /** Members now. */
    public int size() {
        return entries.size();
    }

    /**
     * Times a latched source went back to the SSRC it had before its latest change: a sender that sends several
     * streams from one port, which a shared port cannot tell apart (a stream that really changes its SSRC does not
     * keep going back).
     */
    public long ssrcReturns() {
        return ssrcReturns;
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
