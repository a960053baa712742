package org.activerecorder.infrastructure.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.activerecorder.application.users.PasswordChanged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the first administrator's generated password file once that administrator has a password of their own:
 * after the change commits, so a change that rolls back leaves the file (and the password in it) valid.
 */
@ApplicationScoped
public class InitialPasswordRetirement {

    private static final Logger LOG = Logger.getLogger(InitialPasswordRetirement.class.getName());

    void onPasswordChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged changed) {
        retireIfTheFirstAdministratorChose(changed, InitialAdministrator.passwordFile());
    }

    /**
     * Deletes the file if the first administrator chose a password of their own (not when an administrator set it
     * for them) and it is there; a failure is logged, as the password in it no longer works anyway.
     */
    static boolean retireIfTheFirstAdministratorChose(PasswordChanged changed, Path file) {
        if (!changed.byTheUser() || !InitialAdministrator.USERNAME.equals(changed.username())) {
            return false;
        }
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                LOG.info(() -> "The first administrator changed the generated password: " + file + " is deleted");
            }
            return deleted;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The first administrator changed the generated password, but " + file
                    + " could not be deleted; the password in it no longer works: delete it by hand", e);
            return false;
        }
    }
}
