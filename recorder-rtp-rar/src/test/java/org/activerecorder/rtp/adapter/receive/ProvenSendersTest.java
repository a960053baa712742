package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proofs that let a media address's streams share ports (docs/port-groups.md, rule 9). */
class ProvenSendersTest {

    private static final InetAddress MEDIA_SERVER = address("192.0.2.10");
    private static final InetSocketAddress NAMED = new InetSocketAddress(MEDIA_SERVER, 40000);

    private final ProvenSenders proven = new ProvenSenders();

    @Test
    void sixteenInARowProveAnAddressAndOnlyItsOwn() {
        prove(ProvenSenders.PROVEN_AFTER - 1);
        assertFalse(proven.proven(MEDIA_SERVER));
        prove(1);
        assertTrue(proven.proven(MEDIA_SERVER));
        assertFalse(proven.proven(address("192.0.2.11")), "another address proved nothing");
        assertFalse(proven.proven(null), "a stream whose SDP named no address never shares");
    }

    @Test
    void aStreamFromAnotherPortOrAddressStartsTheCountAgain() {
        prove(ProvenSenders.PROVEN_AFTER - 1);
        proven.latchedOnOwnPort(NAMED, new InetSocketAddress(MEDIA_SERVER, 40002)); // rule 8's sender
        prove(ProvenSenders.PROVEN_AFTER - 1);
        assertFalse(proven.proven(MEDIA_SERVER));
        proven.latchedOnOwnPort(NAMED, new InetSocketAddress(address("198.51.100.7"), 40000)); // behind NAT
        prove(ProvenSenders.PROVEN_AFTER - 1);
        assertFalse(proven.proven(MEDIA_SERVER));
        prove(1);
        assertTrue(proven.proven(MEDIA_SERVER));
    }

    @Test
    void eachFallOfAProvenAddressDoublesTheProofsItNeedsNext() {
        prove(ProvenSenders.PROVEN_AFTER);
        proven.silentOnSharedPort(MEDIA_SERVER);
        assertFalse(proven.proven(MEDIA_SERVER));
        prove(2 * ProvenSenders.PROVEN_AFTER - 1);
        assertFalse(proven.proven(MEDIA_SERVER), "after one fall, 32 are needed");
        prove(1);
        assertTrue(proven.proven(MEDIA_SERVER));

        proven.latchedOnOwnPort(NAMED, new InetSocketAddress(MEDIA_SERVER, 40002));
        prove(4 * ProvenSenders.PROVEN_AFTER - 1);
        assertFalse(proven.proven(MEDIA_SERVER), "after two falls, 64");
        prove(1);
        assertTrue(proven.proven(MEDIA_SERVER));
    }

    @Test
    void aSilentStreamOfAnAddressNeverProvenChangesNothingAndANamelessStreamProvesNothing() {
        proven.silentOnSharedPort(MEDIA_SERVER);
        proven.silentOnSharedPort(null);
        for (int i = 0; i < ProvenSenders.PROVEN_AFTER; i++) {
            proven.latchedOnOwnPort(null, NAMED);
        }
        assertFalse(proven.proven(MEDIA_SERVER));
        prove(ProvenSenders.PROVEN_AFTER);
        assertTrue(proven.proven(MEDIA_SERVER), "16 needed, not 32: it had not fallen from proven");
    }

    @Test
    void addressesBeyondTheRememberedOnesNeverShare() {
        for (int i = 0; i < ProvenSenders.MAX_ADDRESSES; i++) {
            InetAddress other = address("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            proven.latchedOnOwnPort(new InetSocketAddress(other, 40000), new InetSocketAddress(other, 40000));
        }
        prove(ProvenSenders.PROVEN_AFTER);
        assertFalse(proven.proven(MEDIA_SERVER));
    }

    private void prove(int streams) {
        for (int i = 0; i < streams; i++) {
            proven.latchedOnOwnPort(NAMED, NAMED);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
