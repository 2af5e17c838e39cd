package org.dragnj.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import picocli.CommandLine.Option;

/** Which Spark to run on: spark-submit's settings when launched by it, else {@code --master}. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not started by spark-submit:"
            + " local[*] (this machine, every core), local[N], spark://host:7077, yarn, k8s://… (default:"
            + " spark-submit's, else local[*]).")
    String master;

    /** A context named {@code app}; spark-submit's master and settings win over {@code --master}. */
    public JavaSparkContext context(String app) {
        SparkConf conf = new SparkConf().setAppName(app);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[*]");
        }
        return new JavaSparkContext(conf);
    }
}
