package org.dragnj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.datasets.hpa.crops.CropFormat;
import org.dragnj.datasets.hpa.crops.HpaCropResult;
import org.dragnj.datasets.hpa.crops.HpaCropper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dragn prepare-hpa}: HPA images to a bag manifest of cell crops. */
@Command(name = "prepare-hpa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crop HPA images into bags of cell crops, as the paper prepares HPA: region proposals"
                + " (selective search, or nuclei), the best --max-crops per image after size/aspect filters and"
                + " overlap suppression, each cut from the full-resolution image and resized to --crop-size square;"
                + " all crops of a bag's images share its labels.",
                "Writes into --out: bags.csv and classes.txt (the manifest 'dragn train --data' reads; bags without"
                        + " any crop are left out), crops/<image>/<image>_NN.png, crops/<image>/done.json, report.json"
                        + " (every image's outcome, failures with reasons, crops/s).",
                "Resumable: rerun the same command after an interruption and it continues; images completed"
                        + " with the same settings are skipped, failed or unfinished ones redone. An image that cannot"
                        + " be read is reported and the run goes on."})
final class PrepareHpaCommand implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder with the image files.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (manifest, crops, report).")
    Path out;

    @Option(names = "--grouping", required = true, paramLabel = "FILE",
            description = "The file listing images and bags (see --grouping-format).")
    Path grouping;

    @Mixin
    HpaCropOptions crop = new HpaCropOptions();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        HpaCropResult result = new HpaCropper(crop.spec(grouping, images, out)).run(new ProgressBarListener());
        Manifest manifest = result.manifest();
        HpaCropOptions.print(result.report(), manifest);
        System.out.println("wrote: " + out.resolve(Manifest.BAGS_FILE) + ", " + out.resolve(Manifest.CLASSES_FILE) + ", "
                + out.resolve(HpaCropper.CROP_FOLDER) + "/, " + result.reportFile());
        if (manifest.bags().isEmpty()) {
            System.out.println("no bag has a crop: see " + result.reportFile() + " for why");
            return 0;
        }
        List<Split> empty = Arrays.stream(Split.values()).filter(s -> manifest.bags(s).isEmpty()).toList();
        if (!empty.isEmpty()) {
            String missing = empty.stream().map(Split::id).collect(Collectors.joining("/"));
            if (crop.splitFractions == null) {
                System.out.println("note: no " + missing + " bags, and 'dragn train' needs train, val and test: rerun"
                        + " with --split-fractions (the crops are reused), or give the grouping file a split column");
                List<String> again = DragnCli.invocation(command); // "dragn", "prepare-hpa", the arguments as typed
                again.remove(0);
                again.addAll(List.of("--split-fractions", "0.6,0.2,0.2"));
                DataHints.next(again.toArray(String[]::new));
            } else {
                System.out.println("note: no " + missing + " bags: " + manifest.bags().size() + " bags are too few for"
                        + " --split-fractions " + Arrays.stream(crop.splitFractions).mapToObj(Double::toString)
                                .collect(Collectors.joining(",")) + ", and 'dragn train' needs train, val and test");
            }
            return 0;
        }
        List<String> next = new ArrayList<>(List.of("--data", out.toString()));
        if (crop.cropSize != 512) {
            next.addAll(List.of("--input-size", crop.cropSize + "x" + crop.cropSize));
        }
        if (crop.format == CropFormat.RGBA_ER) {
            next.addAll(List.of("--channels", "4"));
        }
        DataHints.nextTraining("hpa-paper", next.toArray(String[]::new));
        return 0;
    }
}
