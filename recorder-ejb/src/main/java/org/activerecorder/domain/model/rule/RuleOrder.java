package org.activerecorder.domain.model.rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The priorities that make the rules tried in a chosen order. Rules are tried by priority, then by id
 * ({@link RuleBook}); an order is set by handing out the priorities already in use, lowest first, along the new order,
 * so that exchanging two neighbours exchanges their priorities and the numbers an administrator chose (10, 20, 30)
 * stay the ones in use. Where a shared priority would put two rules in the wrong order by their ids, the later rule
 * takes the next number up, and the ones after it move up as far as needed; nothing else changes.
 */
public final class RuleOrder {

    private RuleOrder() {
    }

    /**
     * The new priority of every rule whose priority must change, in the order wanted.
     *
     * @param current every rule's priority now, by id
     * @param wanted  the same ids, in the order the rules are to be tried
     * @throws IllegalArgumentException when {@code wanted} does not name exactly the rules of {@code current}
     * @throws InvalidRuleException     when the order needs a priority above {@link Integer#MAX_VALUE}
     */
    public static Map<Long, Integer> changedPriorities(Map<Long, Integer> current, List<Long> wanted) {
        if (wanted.size() != current.size() || !new HashSet<>(wanted).equals(current.keySet())) {
            throw new IllegalArgumentException("the order " + wanted + " does not name each of the rules "
                    + current.keySet() + " once");
        }
        List<Integer> inUse = new ArrayList<>(current.values());
        inUse.sort(null);
        Map<Long, Integer> changed = new LinkedHashMap<>();
        long previousId = 0;
        int previous = Integer.MIN_VALUE;
        for (int i = 0; i < wanted.size(); i++) {
            long id = wanted.get(i);
            int priority = Math.max(inUse.get(i), previous);
            if (i > 0 && priority == previous && id < previousId) {
                priority = above(previous, id);
            }
            if (priority != current.get(id)) {
                changed.put(id, priority);
            }
            previous = priority;
            previousId = id;
        }
        return changed;
    }

    private static int above(int priority, long id) {
        if (priority == Integer.MAX_VALUE) {
            throw new InvalidRuleException(List.of("rule " + id + " would need a priority above " + Integer.MAX_VALUE
                    + " to come after the rule before it: give the last rules lower priorities first"));
        }
        return priority + 1;
    }
}
