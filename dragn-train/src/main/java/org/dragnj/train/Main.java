package org.dragnj.train;

import org.dragnj.cli.DragnCli;
import org.dragnj.platform.Backend;

/**
 * The dragn application. This module is where the libraries meet a machine: it picks the ND4J
 * backend and native build, and brings the logging implementation, before any command runs.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Backend.configure(); // before anything touches ND4J
        System.setProperty("java.awt.headless", "true"); // charts are rendered to files
        System.exit(DragnCli.execute(args));
    }
}
