package org.dragnj.datasets.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;

/**
 * Unlabelled bags from a folder of images, for prediction: folders below it are bags as
 * {@link SubfolderBags} says (by default every folder holding images, named by its path under the root);
 * images lying directly in the folder form bags only as a {@link FolderGrouping} says (one bag, or grouped
 * by a file-name pattern), and are refused otherwise. Every file that ends up in no bag is reported.
 */
public final class ImageFolder {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");

    private ImageFolder() {
    }

    /** HPA's raw channel files, {@code <id>_red.png} etc., which only {@code prepare-hpa} turns into instances. */
    private static final Pattern HPA_CHANNEL = Pattern.compile(".+_(red|green|blue|yellow)\\.(png|tif|tiff|jpg)",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param classes    the labels the model predicts (the manifest lists no labels per bag)
     * @param grouping   what images directly in {@code folder} become
     * @param subfolders which folders below {@code folder} are bags
     * @throws BadInputException when there are no images, when images lie directly in the folder and the
     *                           grouping does not say how to bag them, when a file name does not match the
     *                           grouping pattern, or when two bags would get one id
     */
    public static FolderBags read(Path folder, List<String> classes, FolderGrouping grouping,
            SubfolderBags subfolders) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toAbsolutePath().toString(), null, "the folder of images to predict");
        }
        Path root = folder.toAbsolutePath().normalize();
        FolderWalk walk = FolderWalk.of(root, subfolders);
        UnusedFiles unused = new UnusedFiles(walk.unused());
        List<BagRecord> bags = new ArrayList<>();
        if (!walk.rootImages().isEmpty()) {
            bags.addAll(directBags(root, walk.rootImages(), grouping));
        }
        walk.bags().forEach((id, images) -> bags.add(new BagRecord(id, Split.TEST, List.of(), images)));
        if (bags.isEmpty()) {
            throw new BadInputException("no images (" + String.join(", ", extensions()) + ") in " + root
                    + " or any folder below it" + (unused.isEmpty() ? "" : "; not used: "
                            + String.join("; ", unused.summary())));
        }
        requireUniqueIds(root, bags, grouping);
        return new FolderBags(new Manifest(root, classes, bags), unused, subfolders);
    }

    /** The image file extensions read, in name order. */
    public static List<String> extensions() {
        return EXTENSIONS.stream().sorted().toList();
    }

    /** Only images directly in the root can take an id a subfolder has too: by --one-bag or the pattern. */
    private static void requireUniqueIds(Path root, List<BagRecord> bags, FolderGrouping grouping)
            throws BadInputException {
        Set<String> seen = new HashSet<>();
        for (BagRecord b : bags) {
            if (!seen.add(b.id())) {
                throw new BadInputException("two bags would be named '" + b.id() + "': the subfolder " + root.resolve(
                        b.id()) + " and images lying directly in " + root + (grouping.mode()
                                == FolderGrouping.Mode.ONE_BAG ? " (one bag named after the folder)"
                                        : " (grouped by '" + grouping.pattern() + "')")
                        + "; rename the subfolder or move those images into a subfolder of their own");
            }
        }
    }

    private static List<BagRecord> directBags(Path folder, List<String> direct, FolderGrouping grouping)
            throws BadInputException {
        Path last = folder.getFileName();
        String name = last == null ? folder.toString() : last.toString();
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
                        + " each bag's images in a subfolder of its own (every folder below holding images is a"
                        + " bag)."
                        + (hpa ? " They look like raw HPA channel files (<id>_red.png ...): a model reads the crops"
                                + " that 'dragn prepare-hpa' makes of them." : ""));
        }
    }

    /** Whether a file name has an image extension this project reads (png, jpg, jpeg, tif, tiff, bmp). */
    public static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
