/**
 * The one place that chooses the ND4J backend and native build (oneDNN-AVX2, oneDNN or plain),
 * before ND4J loads, and switches on DL4J's oneDNN layer helpers.
 * <p>May use: nd4j-api; the native builds arrive through this module's dependencies.
 */
package org.dragnj.platform;
