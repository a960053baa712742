package org.activerecorder.application.users;

import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.domain.model.user.UserRepository;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Accounts in a map, for service tests. */
final class InMemoryUsers implements UserRepository {

    private final TreeMap<String, UserAccount> accounts = new TreeMap<>();

    @Override
    public long count() {
        return accounts.size();
    }

    @Override
    public void add(UserAccount account) {
        accounts.put(account.username(), account);
    }

    @Override
    public List<UserAccount> all() {
        return List.copyOf(accounts.values());
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    @Override
    public List<UserAccount> lockEnabledAdmins() {
        return accounts.values().stream().filter(UserAccount::isEnabledAdmin).toList();
    }
}
