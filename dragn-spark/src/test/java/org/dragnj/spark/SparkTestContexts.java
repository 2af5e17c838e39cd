package org.dragnj.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark contexts for the tests. local-cluster mode starts its executors as separate JVMs from the Spark
 * home named by SPARK_HOME (set by the surefire configuration): here a folder whose jars/ links every
 * jar of the test classpath, with this module's class folders added to the executors' classpath.
 */
public final class SparkTestContexts {

    private SparkTestContexts() {
    }

    public static JavaSparkContext start(String master) throws IOException {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("dragn-spark test").set("spark.ui.enabled", "false");
        if (master.startsWith("local-cluster")) {
            List<String> folders = new ArrayList<>();
            Path jars = Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                if (Files.isDirectory(p)) {
                    folders.add(p.toString());
                } else if (p.toString().endsWith(".jar") && !Files.exists(jars.resolve(p.getFileName()))) {
                    Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
                }
            }
            conf.set("spark.executor.extraClassPath", String.join(File.pathSeparator, folders))
                    .set("spark.executor.memory", "1g");
        }
        return new JavaSparkContext(conf);
    }
}
