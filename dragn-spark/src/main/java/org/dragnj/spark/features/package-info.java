/** The frozen-trunk feature cache filled by Spark executors, for training on one machine afterwards. */
package org.dragnj.spark.features;

