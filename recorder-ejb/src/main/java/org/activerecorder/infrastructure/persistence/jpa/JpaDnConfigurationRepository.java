package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnConfigurationRepository;

import java.util.List;
import java.util.Optional;

/** DN configurations in the database. */
@ApplicationScoped
public class JpaDnConfigurationRepository implements DnConfigurationRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For the container. */
    public JpaDnConfigurationRepository() {
    }

    /** Over this entity manager: for tests. */
    JpaDnConfigurationRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<DnConfiguration> find(Dn dn) {
        return Optional.ofNullable(em.find(DnConfiguration.class, dn.value()));
    }

    @Override
    public Optional<DnConfiguration> lock(Dn dn) {
        return Optional.ofNullable(em.find(DnConfiguration.class, dn.value(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<DnConfiguration> all() {
        return em.createQuery("select d from DnConfiguration d order by d.dn", DnConfiguration.class).getResultList();
    }

    @Override
    public void add(DnConfiguration configuration) {
        em.persist(configuration);
    }

    @Override
    public void remove(DnConfiguration configuration) {
        em.remove(configuration);
    }
}
