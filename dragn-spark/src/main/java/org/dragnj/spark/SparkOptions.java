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

    /** What executors add to their own Java options: the JDK's Vector API, for the DRAGN kernel's SIMD loops. */
    static final String EXECUTOR_MODULES = "--add-modules=jdk.incubator.vector";

    /** A context named {@code app}; spark-submit's master and settings win over {@code --master}. */
    public JavaSparkContext context(String app) {
        SparkConf conf = new SparkConf().setAppName(app);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[*]");
        }
        String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
        if (!executorOptions.contains("jdk.incubator.vector")) {
            conf.set("spark.executor.extraJavaOptions", (executorOptions + " " + EXECUTOR_MODULES).strip());
        }
        return new JavaSparkContext(conf);
    }
}
