package org.dragnj.datasets.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;

/**
 * Unlabelled bags from a folder of images, for prediction: each subfolder holding images is one bag
 * (named after it); images lying directly in the folder form bags only as a {@link FolderGrouping}
 * says (one bag, or grouped by a file-name pattern), and are refused otherwise.
 */
public final class ImageFolder {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");

    private ImageFolder() {
    }

    /** HPA's raw channel files, {@code <id>_red.png} etc., which only {@code prepare-hpa} turns into instances. */
    private static final Pattern HPA_CHANNEL = Pattern.compile(".+_(red|green|blue|yellow)\\.(png|tif|tiff|jpg)",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param classes  the labels the model predicts (the manifest lists no labels per bag)
     * @param grouping what images directly in {@code folder} become
     * @throws BadInputException when images lie directly in the folder and the grouping does not say how to
     *                           bag them, or a file name does not match the grouping pattern
     */
    public static Manifest read(Path folder, List<String> classes, FolderGrouping grouping) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toAbsolutePath().toString(), null, "the folder of images to predict");
        }
        List<BagRecord> bags = new ArrayList<>();
        List<String> direct = images(folder, folder);
        if (!direct.isEmpty()) {
            bags.addAll(directBags(folder, direct, grouping));
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path sub : children.filter(Files::isDirectory).sorted().toList()) {
                List<String> instances = images(folder, sub);
                if (!instances.isEmpty()) {
                    bags.add(new BagRecord(sub.getFileName().toString(), Split.TEST, List.of(), instances));
                }
            }
        }
        if (bags.isEmpty()) {
            throw new BadInputException("no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ") in "
                    + folder.toAbsolutePath() + " or its subfolders");
        }
        return new Manifest(folder, classes, bags);
    }

    private static List<BagRecord> directBags(Path folder, List<String> direct, FolderGrouping grouping)
            throws BadInputException {
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        switch (grouping.mode()) {
            case ONE_BAG:
                return List.of(new BagRecord(name, Split.TEST, List.of(), direct));
            case PATTERN:
                Map<String, List<String>> byBag = new LinkedHashMap<>();
                List<String> unmatched = new ArrayList<>();
                for (String image : direct) {
                    Matcher m = grouping.pattern().matcher(image);
                    if (m.matches() && m.group(1) != null && !m.group(1).isEmpty()) {
                        byBag.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(image);
                    } else {
                        unmatched.add(image);
                    }
                }
                if (!unmatched.isEmpty()) {
                    throw new BadInputException(unmatched.size() + " of " + direct.size() + " images in " + folder
                            + " do not match the grouping pattern '" + grouping.pattern() + "' (its first group is"
                            + " the bag id), e.g. " + unmatched.subList(0, Math.min(3, unmatched.size())));
                }
                return byBag.entrySet().stream().map(e -> new BagRecord(e.getKey(), Split.TEST, List.of(),
                        e.getValue())).toList();
            default:
                boolean hpa = direct.stream().anyMatch(f -> HPA_CHANNEL.matcher(f).matches());
                throw new BadInputException(direct.size() + " images lie directly in " + folder.toAbsolutePath()
                        + " (e.g. " + direct.get(0) + "): say whether they are one bag (--one-bag) or how their"
                        + " names group them into bags (--group-by REGEX, whose first group is the bag id), or put"
                        + " each bag's images in a subfolder of its own."
                        + (hpa ? " They look like raw HPA channel files (<id>_red.png ...): a model reads the crops"
                                + " that 'dragn prepare-hpa' makes of them." : ""));
        }
    }

    private static List<String> images(Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted()
                    .map(p -> root.relativize(p).toString()).toList();
        }
    }

    /** Whether a file name has an image extension this project reads (png, jpg, jpeg, tif, tiff, bmp). */
    public static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
