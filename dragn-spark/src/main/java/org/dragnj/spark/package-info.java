/**
 * DRAGN-J's jobs on Apache Spark: the entry point ({@link org.dragnj.spark.SparkMain}), the Spark
 * session a command runs in, and file access through Hadoop's FileSystem API ({@code hpa} holds the
 * distributed HPA preparation).
 */
package org.dragnj.spark;
