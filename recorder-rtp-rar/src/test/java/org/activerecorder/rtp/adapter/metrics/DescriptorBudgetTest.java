package org.activerecorder.rtp.adapter.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptorBudgetTest {

    @Test
    void theDefaultRangeNeedsMoreThanTheUsualLimitOf1024AndTheWarningSaysWhatToRaise() {
        DescriptorBudget budget = new DescriptorBudget(1024, 600, 5000); // 20000-29999, a started WildFly

        assertEquals(600 + 5000 * 3 + 256, budget.needed());
        assertEquals((1024 - 600 - 256) / 3 / 2, budget.callsThatFit()); // 28 calls
        String warning = budget.warning("20000-29999").orElseThrow();
        assertTrue(warning.contains("may open 1024 files"), warning);
        assertTrue(warning.contains("about 28 two-party calls"), warning);
        assertTrue(warning.contains("takes 2500"), warning);
        assertTrue(warning.contains("ulimit -n 15856"), warning);
        assertTrue(warning.contains("LimitNOFILE=15856"), warning);
    }

    @Test
    void aLimitThatHoldsTheWholeRangeSaysNothingAndFitsAllItsCalls() {
        DescriptorBudget budget = new DescriptorBudget(20000, 600, 5000);

        assertTrue(budget.warning("20000-29999").isEmpty());
        assertEquals(2500, budget.callsThatFit(), "the port range, not the descriptors, is the bound");
    }

    @Test
    void unknownFiguresWarnOfNothing() {
        assertTrue(new DescriptorBudget(-1, 600, 5000).warning("r").isEmpty());
        assertTrue(new DescriptorBudget(1024, -1, 5000).warning("r").isEmpty());
    }

    @Test
    void aLimitBelowWhatIsAlreadyOpenFitsNoCall() {
        assertEquals(0, new DescriptorBudget(500, 600, 5000).callsThatFit());
    }
}
