package org.dragnj.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.dragnj.cli.HpaCropOptions;
import org.dragnj.datasets.hpa.crops.HpaCropResult;
import org.dragnj.spark.hpa.DistributedHpaCropper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dragn-spark prepare-hpa}: {@code dragn prepare-hpa}, one Spark task per image. */
@Command(name = "prepare-hpa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crop HPA images into bags of cell crops on a Spark cluster: the options and outputs of"
                + " 'dragn prepare-hpa' (crops, bags.csv, classes.txt, report.json; the same files on the same input),"
                + " one task per image, reading and writing through Hadoop's FileSystem API (local paths, file:,"
                + " hdfs:, s3a: URIs).",
                "Resumable: a rerun skips images completed with the same settings; an image that cannot be read is"
                        + " reported in report.json and the job goes on; a killed task's image is redone by Spark's"
                        + " retry and its crops appear all at once."})
final class SparkPrepareHpaCommand implements Callable<Integer> {

    @Option(names = "--grouping", required = true, paramLabel = "URI", description = "The file listing images and"
            + " bags (see --grouping-format).")
    String grouping;

    @Option(names = "--images", required = true, paramLabel = "URI", description = "Folder with the image files.")
    String images;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "Output folder (manifest, crops,"
            + " report).")
    String out;

    @Mixin
    HpaCropOptions crop = new HpaCropOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Override
    public Integer call() throws Exception {
        DistributedHpaCropper.Locations at = new DistributedHpaCropper.Locations(HadoopFiles.uri(grouping), HadoopFiles.uri(images),
                HadoopFiles.uri(out));
        try (JavaSparkContext sc = spark.context("dragn prepare-hpa")) {
            HpaCropResult r = DistributedHpaCropper.run(sc, crop.spec(Path.of("grouping"), Path.of("images"),
                    Path.of("out")), at);
            HpaCropOptions.print(r.report(), r.manifest());
            System.out.println("wrote: " + at.out() + " (bags.csv, classes.txt, crops/, report.json)");
        }
        return 0;
    }
}
