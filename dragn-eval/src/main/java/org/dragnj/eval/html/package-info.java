/**
 * Self-contained HTML pages ({@link org.dragnj.eval.html.HtmlPage}): inline style, figures embedded as
 * data URIs, no scripts and nothing fetched from the network, so a report opens anywhere, offline.
 * <p>May use: org.dragnj.bags.io.
 */
package org.dragnj.eval.html;

