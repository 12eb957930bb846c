package org.rollcall.identity.account;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.rollcall.identity.IdentityConfig;

/** Creates the first platform admin from ROLLCALL_IDENTITY_ADMIN_EMAIL / _PASSWORD, if given; never a default. */
@ApplicationScoped
public class PlatformAdminBootstrap {
    private static final Logger LOG = Logger.getLogger(PlatformAdminBootstrap.class);

    void start(@Observes StartupEvent ev, IdentityConfig config, AccountService accounts) {
        if (config.adminEmail().isPresent() && config.adminPassword().isPresent()) {
            accounts.ensurePlatformAdmin(config.adminEmail().get(), config.adminPassword().get());
            LOG.infof("platform admin %s is set up", config.adminEmail().get());
        }
    }
}
