/**
 * The console progress bar (throughput and ETA) behind every long command.
 * <p>May use: org.dragnj.bags.io.
 */
package org.dragnj.cli.progress;
