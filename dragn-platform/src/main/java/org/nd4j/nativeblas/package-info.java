/**
 * A forwarding class under the name DL4J 1.0.0-M2.1's oneDNN helper check looks for (M2.1 moved the
 * real binding), so that the helpers can be switched on. Nothing else may live here.
 * <p>May use: nd4j-native's bindings.
 */
package org.nd4j.nativeblas;
