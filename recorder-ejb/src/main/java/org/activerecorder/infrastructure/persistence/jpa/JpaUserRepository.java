package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.domain.model.user.UserRepository;

/** User accounts in the database (the same tables the server's realm reads). */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    @Override
    public long count() {
        return em.createQuery("select count(u) from UserAccount u", Long.class).getSingleResult();
    }

    @Override
    public void add(UserAccount account) {
        em.persist(account);
    }
}
