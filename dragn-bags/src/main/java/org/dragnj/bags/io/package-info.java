/**
 * File output that never looks complete when it is not ({@link org.dragnj.bags.io.AtomicFiles}:
 * temporary file, then an atomic move), located messages ({@link org.dragnj.bags.io.Location}:
 * file, line, bag) and the {@link org.dragnj.bags.io.ProgressListener} every long job reports to.
 * <p>May use: the JDK only.
 */
package org.dragnj.bags.io;
