/**
 * What the machine can do (peak FP32 from /proc/cpuinfo) and what a graph costs (FLOPs per layer).
 * <p>May use: deeplearning4j-nn.
 */
package org.dragnj.bench.hardware;
