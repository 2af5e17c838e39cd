/**
 * Which HPA images form which bag with which labels: the grouping file
 * ({@code bag_id,image_id,labels[,split]} or Kaggle's {@code train.csv}), read with every problem
 * located at once ({@link org.dragnj.datasets.hpa.grouping.GroupingException}); bags whose rows name
 * no split get the default split or seeded split fractions
 * ({@link org.dragnj.datasets.hpa.grouping.HpaGrouping#withUnnamedSplits}).
 * <p>May use: org.dragnj.bags.
 */
package org.dragnj.datasets.hpa.grouping;

