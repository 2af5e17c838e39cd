/**
 * DL4J against a peer: the bare ResNet geometry ({@link org.dragnj.bench.peer.Dl4jResNetBenchmark}) and
 * whole multi-instance models ({@link org.dragnj.bench.peer.PeerModel}, {@link org.dragnj.bench.peer.Dl4jModelBenchmark}).
 * The DJL/PyTorch side lives in {@code src/peer} and is built with {@code -Ppeer-djl}.
 * <p>May use: org.dragnj.model, org.dragnj.bags, JMH (DJL in the profile only).
 */
package org.dragnj.bench.peer;
