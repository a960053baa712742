package org.activerecorder.domain.model.audit;

/**
 * Where the audit chain first fails and how: {@code position} the chain expected next (null when the fault is in no
 * position: entries outside the chain), {@code id} the entry found there (null if none), {@code expected} the hash the
 * chain computes there and {@code found} the hash stored (either null when no hash is at stake), {@code problem} in a
 * sentence.
 */
public record ChainBreak(Long position, Long id, String expected, String found, String problem) {
}
