/**
 * The dragn application: picks the ND4J backend and native build, brings logback, runs the command
 * line. {@code mvn -pl dragn-train exec:java} starts it.
 * <p>May use: dragn-cli, dragn-platform.
 */
package org.dragnj.train;
