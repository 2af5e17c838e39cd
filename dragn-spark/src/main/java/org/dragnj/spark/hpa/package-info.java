/** HPA preparation partitioned by image over a Spark cluster, with the same crops and manifest as on one machine. */
package org.dragnj.spark.hpa;

