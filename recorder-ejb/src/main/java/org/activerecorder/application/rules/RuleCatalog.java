package org.activerecorder.application.rules;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.rule.RuleDraft;

import java.util.List;

/**
 * The recording rules: create, read, update, delete, reorder, and every version ever saved. Each save is validated
 * (every problem is listed) and makes a new version; delete takes a rule out of use and keeps its versions, which
 * decisions name. Reading needs {@code admin}, {@code supervisor} or {@code auditor}; changing needs {@code admin}.
 */
@Local
public interface RuleCatalog {

    /** The current version of every rule not deleted, in the order they are tried (priority, then id). */
    List<RuleView> current();

    /** @throws ConfigurationRefused {@code UNKNOWN} rule, or deleted */
    RuleView find(long id) throws ConfigurationRefused;

    /** Any version of any rule, deleted ones included. @throws ConfigurationRefused {@code UNKNOWN} */
    RuleView version(long id, int version) throws ConfigurationRefused;

    /** @throws ConfigurationRefused {@code INVALID} with every problem */
    RuleView create(RuleDraft draft, String by) throws ConfigurationRefused;

    /**
     * Saves the rule's next version, if the rule is still at the version the caller based the change on: the check
     * and the save are one transaction (the rule is locked), so two saves based on the same version cannot both pass.
     *
     * @param seen the version the caller saw and changed; {@code null}: none named, the save is made whatever the
     *             current version is (last write wins, for clients older than versioned edits)
     * @throws ConfigurationRefused {@code UNKNOWN} (or deleted) rule, {@code STALE} when the rule is at another
     *                              version than {@code seen} (naming it, who saved it and when), {@code INVALID} with
     *                              every problem
     */
    RuleView update(long id, RuleDraft draft, Integer seen, String by) throws ConfigurationRefused;

    /**
     * Deletes the rule, if it is still at the version the caller saw (checked under the rule's lock, as
     * {@link #update}).
     *
     * @param seen as {@link #update}'s: {@code null} deletes whatever the current version is
     * @throws ConfigurationRefused {@code UNKNOWN} (or already deleted) rule, {@code STALE} at another version
     */
    void delete(long id, Integer seen, String by) throws ConfigurationRefused;

    /**
     * Sets the order the rules are tried in, all at once: {@code order} names every rule in use, at the version the
     * caller saw, in the order wanted (first tried first). The priorities in use are handed out along that order
     * (see {@code RuleOrder}); each rule whose priority changes gets a new version, audited as any change. Either
     * every rule gets its place or nothing changes.
     *
     * @return the rules in their new order, as {@link #current()}
     * @throws ConfigurationRefused {@code INVALID} when the list names a rule twice; {@code STALE}, with
     *                              every difference, when a rule named is at another version, deleted or unknown, or a
     *                              rule in use is not named (added since)
     */
    List<RuleView> reorder(List<ListedRule> order, String by) throws ConfigurationRefused;
}
