/**
 * The {@code dragn} commands (picocli). Each parses its options, calls the libraries and prints what
 * they did and what to run next; domain logic lives in the libraries.
 * <p>May use: picocli and every library module; the backend and logging implementation are chosen by
 * the application ({@code dragn-train}).
 */
package org.dragnj.cli;
