package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoopSharesTest {

    private final LoopShares<String> shares = new LoopShares<>(List.of("a", "b", "c"));

    @Test
    void spreadsNewStreamsEvenlyFirstLoopFirstOnATie() {
        assertEquals(List.of("a", "b", "c", "a", "b"),
                List.of(shares.take(), shares.take(), shares.take(), shares.take(), shares.take()));
        assertArrayEquals(new int[] {2, 2, 1}, shares.streams());
    }

    @Test
    void fillsTheLoopWhoseStreamsEndedInsteadOfGoingRoundTheRobin() {
        for (int i = 0; i < 9; i++) {
            shares.take(); // 3 on each
        }
        shares.leave("b");
        shares.leave("b");
        shares.leave("b");
        shares.leave("c");

        assertEquals(List.of("b", "b", "b", "c"), List.of(shares.take(), shares.take(), shares.take(), shares.take()));
        assertArrayEquals(new int[] {3, 3, 3}, shares.streams());
    }

    @Test
    void aLeaveWithoutATakeIsABug() {
        assertThrows(IllegalStateException.class, () -> shares.leave("a"));
        assertThrows(IllegalStateException.class, () -> shares.leave("z"));
        assertThrows(IllegalArgumentException.class, () -> new LoopShares<>(List.of()));
    }
}
