package org.activerecorder.sip.siprec;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a SIPREC reader made of peer input: the value it read, or the {@link Refusal} saying why not. Readers
 * return verdicts instead of throwing, so that no input a peer can send ends in a stack trace, and every refusal
 * reaches the caller with its reason (for the answer, the log line and the counter).
 *
 * @param <T> what was read
 */
public final class Verdict<T> {
    private final T value;
    private final Refusal refusal;

    private Verdict(T value, Refusal refusal) {
        this.value = value;
        this.refusal = refusal;
    }

    public static <T> Verdict<T> accepted(T value) {
        return new Verdict<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Verdict<T> refused(Refusal refusal) {
        return new Verdict<>(null, Objects.requireNonNull(refusal, "refusal"));
    }

    static <T> Verdict<T> refused(Refusal.Reason reason, String detail) {
        return refused(Refusal.of(reason, detail));
    }

    static <T> Verdict<T> refused(Refusal.Reason reason, String detail, String diagnostic) {
        return refused(new Refusal(reason, detail, diagnostic));
    }

    public boolean isAccepted() {
        return refusal == null;
    }

    /** The value read. @throws IllegalStateException when refused: check {@link #isAccepted()} first */
    public T value() {
        if (refusal != null) {
            throw new IllegalStateException("refused: " + refusal);
        }
        return value;
    }

    /** Why the input was refused. @throws IllegalStateException when accepted */
    public Refusal refusal() {
        if (refusal == null) {
            throw new IllegalStateException("accepted, not refused");
        }
        return refusal;
    }

    /** The same refusal, or the value turned into another. */
    public <R> Verdict<R> map(Function<? super T, ? extends R> mapping) {
        return refusal == null ? accepted(mapping.apply(value)) : refused(refusal);
    }

    @Override
    public String toString() {
        return refusal == null ? "accepted " + value : "refused " + refusal;
    }
}
