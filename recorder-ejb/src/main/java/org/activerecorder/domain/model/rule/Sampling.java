package org.activerecorder.domain.model.rule;

import org.activerecorder.domain.model.CallUuid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Records a percentage of the calls a rule matches. The draw is decided once per call and rule, and never changes: it
 * is the call's bucket (0-9999), taken from the SHA-256 of the CallUUID and the rule's id, below
 * {@code percent x 100}. So a call taken by "20 % of Sales" on {@code established} is still taken when a user-data
 * update runs the rules again, another rule draws independently, and a test can compute the outcome.
 */
public record Sampling(int percent) {

    public static final Sampling EVERY_CALL = new Sampling(100);
    private static final int BUCKETS = 10_000;

    public Sampling {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("sampling is a percentage from 0 to 100, not " + percent);
        }
    }

    public boolean takes(CallUuid call, long ruleId) {
        return bucket(call, ruleId) < percent * (BUCKETS / 100);
    }

    /** The call's bucket for that rule, 0 to 9999. */
    public static int bucket(CallUuid call, long ruleId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((call.value() + "/" + ruleId).getBytes(StandardCharsets.UTF_8));
            long first = 0;
            for (int i = 0; i < 8; i++) {
                first = (first << 8) | (hash[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(first, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
