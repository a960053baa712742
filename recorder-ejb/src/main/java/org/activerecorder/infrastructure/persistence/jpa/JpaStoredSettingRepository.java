package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.activerecorder.domain.model.setting.StoredSetting;
import org.activerecorder.domain.model.setting.StoredSettingRepository;

import java.util.List;
import java.util.Optional;

/** The console's setting values in the database. */
@ApplicationScoped
public class JpaStoredSettingRepository implements StoredSettingRepository {

    @PersistenceContext(unitName = "recorder")
    private EntityManager em;

    /** For the container. */
    public JpaStoredSettingRepository() {
    }

    /** Over this entity manager: for tests. */
    JpaStoredSettingRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<StoredSetting> all() {
        return em.createQuery("select s from StoredSetting s order by s.name", StoredSetting.class).getResultList();
    }

    @Override
    public Optional<StoredSetting> find(String name) {
        return Optional.ofNullable(em.find(StoredSetting.class, name));
    }

    @Override
    public void add(StoredSetting setting) {
        em.persist(setting);
    }

    @Override
    public void remove(StoredSetting setting) {
        em.remove(setting);
    }
}
