package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.user.Role;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.domain.model.user.UserRepository;

import java.util.List;
import java.util.Optional;

/** User accounts in the database (the same tables the server's realm reads). */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For the container. */
    public JpaUserRepository() {
    }

    /** Over this entity manager: for tests. */
    JpaUserRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public long count() {
        return em.createQuery("select count(u) from UserAccount u", Long.class).getSingleResult();
    }

    @Override
    public void add(UserAccount account) {
        em.persist(account);
    }

    @Override
    public List<UserAccount> all() {
        return em.createQuery("select u from UserAccount u order by u.username", UserAccount.class).getResultList();
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(em.find(UserAccount.class, username));
    }

    @Override
    public List<UserAccount> lockEnabledAdmins() {
        List<String> names = em.createQuery("select u.username from UserAccount u join u.roles r"
                        + " where u.enabled = true and r = :admin order by u.username", String.class)
                .setParameter("admin", Role.admin).getResultList();
        // lock the rows themselves, by primary key, in a fixed order: a join with FOR UPDATE is not portable
        return names.stream().map(name -> em.find(UserAccount.class, name, LockModeType.PESSIMISTIC_WRITE)).toList();
    }
}
