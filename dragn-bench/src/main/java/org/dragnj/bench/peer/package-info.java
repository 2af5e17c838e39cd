/**
 * DL4J against a peer on the same ResNet geometry; the DJL/PyTorch side lives in {@code src/peer}
 * and is built with {@code -Ppeer-djl}.
 * <p>May use: org.dragnj.model, JMH (DJL in the profile only).
 */
package org.dragnj.bench.peer;
