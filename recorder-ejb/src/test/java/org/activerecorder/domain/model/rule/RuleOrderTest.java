package org.activerecorder.domain.model.rule;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The priorities that put rules in a chosen order: the numbers in use handed out along the order, a shared number
 * split only where the ids would put two rules the wrong way round, and every result tried in the order wanted.
 */
class RuleOrderTest {

    @Test
    void exchangingNeighboursExchangesTheirPriorities() {
        assertEquals(Map.of(3L, 20, 2L, 30), RuleOrder.changedPriorities(priorities(1, 10, 2, 20, 3, 30),
                List.of(1L, 3L, 2L)));
    }

    @Test
    void movingTheLastFirstShiftsEveryRuleBetween() {
        Map<Long, Integer> changed = RuleOrder.changedPriorities(priorities(1, 10, 2, 20, 3, 35), List.of(3L, 1L, 2L));

        assertEquals(List.of(3L, 1L, 2L), List.copyOf(changed.keySet()), "in the order wanted");
        assertEquals(List.of(10, 20, 35), List.copyOf(changed.values()));
    }

    @Test
    void aSharedPriorityIsSplitOnlyWhereTheIdsWouldOrderTheRulesWrongly() {
        assertEquals(Map.of(), RuleOrder.changedPriorities(priorities(1, 50, 2, 50), List.of(1L, 2L)));
        assertEquals(Map.of(1L, 51), RuleOrder.changedPriorities(priorities(1, 50, 2, 50), List.of(2L, 1L)));
        // the split pushes the next rule up only when it, too, would come before by its id
        assertEquals(Map.of(7L, 51, 3L, 52), RuleOrder.changedPriorities(priorities(7, 50, 9, 50, 3, 51),
                List.of(9L, 7L, 3L)));
    }

    @Test
    void everyOrderOfFourRulesIsTriedAsWanted() {
        Map<Long, Integer> current = priorities(4, 5, 2, 5, 9, -3, 1, 5);
        for (List<Long> wanted : permutations(List.of(1L, 2L, 4L, 9L))) {
            Map<Long, Integer> after = new LinkedHashMap<>(current);
            after.putAll(RuleOrder.changedPriorities(current, wanted));
            List<Long> tried = after.keySet().stream().sorted((x, y) -> after.get(x).equals(after.get(y))
                    ? Long.compare(x, y) : Integer.compare(after.get(x), after.get(y))).toList();
            assertEquals(wanted, tried, "priorities " + after);
        }
    }

    @Test
    void anOrderNotNamingEachRuleOnceIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> RuleOrder.changedPriorities(priorities(1, 10, 2, 20), List.of(1L, 1L)));
        assertThrows(IllegalArgumentException.class,
                () -> RuleOrder.changedPriorities(priorities(1, 10, 2, 20), List.of(1L)));
    }

    @Test
    void noPriorityAboveTheLargestIsInvented() {
        InvalidRuleException refused = assertThrows(InvalidRuleException.class, () -> RuleOrder.changedPriorities(
                priorities(1, Integer.MAX_VALUE, 2, Integer.MAX_VALUE), List.of(2L, 1L)));
        assertTrue(refused.getMessage().startsWith("rule 1 would need a priority above"), refused.getMessage());
    }

    /** id, priority, id, priority ... */
    private static Map<Long, Integer> priorities(int... pairs) {
        Map<Long, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((long) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<List<Long>> permutations(List<Long> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Long>> all = new java.util.ArrayList<>();
        for (Long first : items) {
            List<Long> rest = items.stream().filter(i -> !i.equals(first)).toList();
            for (List<Long> tail : permutations(rest)) {
                List<Long> one = new java.util.ArrayList<>();
                one.add(first);
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }
}
