/**
 * A JUnit session listener that configures the backend before any test touches ND4J, in every module
 * that has this module on its test classpath.
 * <p>May use: org.dragnj.platform, the JUnit platform launcher API.
 */
package org.dragnj.platform.junit;
