/**
 * Where the cells are: region proposals on an HPA image (OpenCV selective search on a reduced copy,
 * or a box around each nucleus), and the selection of crop windows from them (size and aspect
 * filters, square windows, overlap suppression, the best N), configured by
 * {@link org.dragnj.datasets.hpa.proposals.ProposalSpec}.
 * <p>May use: org.dragnj.datasets.hpa.image, OpenCV (ximgproc).
 */
package org.dragnj.datasets.hpa.proposals;

