package org.dragnj.datasets.bdgp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What BDGP bagging read, kept, dropped and why; written next to the manifest as
 * {@value #FILE} (snake_case keys, in the order of the record components). Maps keep a fixed order: splits train, val, test; classes in
 * class order; drop reasons in protocol order.
 *
 * @param imagesCsv            where standard_images.csv came from
 * @param annotationsCsv       where standard_annotations.csv came from
 * @param imageFolder          the image folder, or null when images were not checked
 * @param imagesChecked        whether instances were looked up in the image folder
 * @param stageGroups          stage groups kept
 * @param views                views kept
 * @param topK                 k asked for (classes may be fewer when fewer terms occur)
 * @param tieBreak             how equal term frequencies are ordered
 * @param splitScheme          the split scheme's name
 * @param splitFractions       its nominal fractions
 * @param seed                 the split's shuffle seed
 * @param rows                 what happened to the table rows
 * @param bags                 bags in the manifest
 * @param bagsPerSplit         bags per split
 * @param instances            instances in the manifest (an image listed in two bags counts twice)
 * @param instancesPerSplit    instances per split
 * @param distinctImageFiles   distinct image files in the manifest
 * @param imagesInSeveralBags  image files listed in more than one bag of the manifest (the tables
 *                             list some files under two genes)
 * @param imagesInSeveralSplits image files whose bags lie in different splits
 * @param missingInstances     instances (bag × file) not found in the image folder, counted before
 *                             any bag was dropped for a missing top-k term; null when not checked
 * @param missingExamples      up to 20 missing file names
 * @param bagsWithMissingInstances bags that lost some but not all of their instances
 * @param droppedBags          gene × stage-group bags dropped, by reason, in protocol order
 * @param droppedBagExamples   up to 10 bag ids per drop reason
 * @param classes              the class names in output order (most frequent first)
 * @param distinctTerms        distinct terms over the bags the classes were chosen from
 * @param termFrequencies      bags carrying each class, counted when the classes were chosen
 * @param cutoff               the frequencies either side of the top-k cut, and ties broken there
 * @param classCounts          bags per class in each split, and over all ("all")
 * @param bagLength            bag lengths of the manifest
 */
public record BaggingReport(String imagesCsv, String annotationsCsv, String imageFolder, boolean imagesChecked,
        List<Integer> stageGroups, List<String> views, int topK, String tieBreak, String splitScheme,
        Map<String, Double> splitFractions, long seed, Rows rows, int bags, Map<String, Integer> bagsPerSplit,
        int instances, Map<String, Integer> instancesPerSplit, int distinctImageFiles, int imagesInSeveralBags,
        int imagesInSeveralSplits, Integer missingInstances, List<String> missingExamples,
        int bagsWithMissingInstances, Map<String, Integer> droppedBags, Map<String, List<String>> droppedBagExamples,
        List<String> classes, int distinctTerms, Map<String, Integer> termFrequencies, Cutoff cutoff,
        Map<String, Map<String, Integer>> classCounts, BagLength bagLength) {

    public static final String FILE = "report.json";

    /** Drop reasons, in the order the protocol applies them. */
    public static final String GENE_NOT_IN_BOTH_TABLES = "gene_not_in_both_tables";
    public static final String NO_IMAGES = "no_images";
    public static final String NO_TERMS = "no_terms";
    public static final String ALL_IMAGES_MISSING = "all_images_missing";
    public static final String NO_TOP_K_TERM = "no_top_k_term";
    public static final List<String> DROP_REASONS = List.of(GENE_NOT_IN_BOTH_TABLES, NO_IMAGES, NO_TERMS,
            ALL_IMAGES_MISSING, NO_TOP_K_TERM);

    /**
     * What happened to the table rows before bagging.
     *
     * @param imageRows             data rows of standard_images.csv
     * @param annotationRows        data rows of standard_annotations.csv
     * @param imageRowsDropped      image rows left out, by reason (stage_group_excluded, view_excluded)
     * @param annotationRowsDropped annotation rows left out (stage_group_excluded)
     * @param viewsDropped          image rows left out per direction value (views not kept, or unknown)
     * @param duplicateFileListings file names listed again within the same bag (merged)
     * @param duplicateTermListings terms listed again within the same bag (merged)
     * @param genesWithImages       genes with a kept image row
     * @param genesWithAnnotations  genes with a kept annotation row
     * @param genesInBoth           genes in both (only these are bagged)
     */
    public record Rows(int imageRows, int annotationRows, Map<String, Integer> imageRowsDropped,
            Map<String, Integer> annotationRowsDropped, Map<String, Integer> viewsDropped, int duplicateFileListings,
            int duplicateTermListings, int genesWithImages, int genesWithAnnotations, int genesInBoth) {
    }

    /**
     * The top-k cut.
     *
     * @param kthFrequency       bags carrying the last chosen term
     * @param nextFrequency      bags carrying the first term left out (null when every term was chosen)
     * @param tiedTermsLeftOut   terms as frequent as the last chosen one but left out by the tie break
     */
    public record Cutoff(int kthFrequency, Integer nextFrequency, List<String> tiedTermsLeftOut) {
    }

    /** Bag lengths (instances per bag) of the manifest. */
    public record BagLength(int min, int max, double mean) {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Pretty-printed JSON with snake_case keys. */
    public String toJson() throws IOException {
        return mapper().writeValueAsString(this) + "\n";
    }

    /** Writes the report atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    public static BaggingReport read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), BaggingReport.class);
    }
}
