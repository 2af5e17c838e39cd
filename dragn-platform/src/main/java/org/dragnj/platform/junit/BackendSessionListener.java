package org.dragnj.platform.junit;

import org.dragnj.platform.Backend;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Configures the backend once per test JVM, before any test class is loaded, so that every test
 * of every module runs on the same native build as the CLI. Registered through
 * META-INF/services; inert outside JUnit.
 */
public final class BackendSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Backend.configure();
    }
}
