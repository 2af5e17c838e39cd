package org.dragnj.datasets.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dragnj.datasets.folder.UnusedFile.Reason;

/**
 * One pass over a folder of images, depth first in name order (so bag ids and their order do not depend
 * on the file system's listing order): which images lie directly in the root, which bag each other image
 * belongs to, and every entry that is in no bag. Links are followed, since image collections are often
 * assembled from links, but never back into a folder above: that would walk forever.
 */
final class FolderWalk {

    /** A subtree that could not be listed: reported as such, not also as a folder without images. */
    private static final int UNREADABLE = -1;

    private final Path root;
    private final SubfolderBags subfolders;
    private final List<String> rootImages = new ArrayList<>();
    private final Map<String, List<String>> bags = new LinkedHashMap<>();
    private final List<UnusedFile> unused = new ArrayList<>();

    private FolderWalk(Path root, SubfolderBags subfolders) {
        this.root = root;
        this.subfolders = subfolders;
    }

    static FolderWalk of(Path root, SubfolderBags subfolders) throws IOException {
        FolderWalk walk = new FolderWalk(root, subfolders);
        Set<Path> ancestors = new HashSet<>();
        ancestors.add(root.toRealPath());
        try (Stream<Path> s = Files.list(root)) {
            walk.visit(root, "", null, s.sorted().toList(), ancestors);
        }
        return walk;
    }

    /** Images lying directly in the root, as root-relative paths in name order. */
    List<String> rootImages() {
        return rootImages;
    }

    /** Bag id → its images (root-relative paths), in walk order. */
    Map<String, List<String>> bags() {
        return bags;
    }

    List<UnusedFile> unused() {
        return unused;
    }

    /** @return images in {@code dir} and below */
    private int visit(Path dir, String rel, String topBag, List<Path> entries, Set<Path> ancestors) {
        List<String> images = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path e : entries) {
            String name = e.getFileName().toString();
            String path = rel.isEmpty() ? name : rel + "/" + name;
            if (name.startsWith(".")) {
                unused.add(new UnusedFile(Files.isDirectory(e) ? path + "/" : path, Reason.HIDDEN, ""));
            } else if (!Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                // instances are kept as strings; one that does not lead back to its file would fail later, unexplained
                unused.add(new UnusedFile(path, Reason.UNREADABLE_NAME, ""));
            } else if (!Files.exists(e)) {
                unused.add(new UnusedFile(path, Reason.BROKEN_LINK, linkTarget(e)));
            } else if (Files.isDirectory(e)) {
                folders.add(e);
            } else if (Files.isRegularFile(e) && ImageFolder.isImage(e)) {
                images.add(path);
            } else {
                unused.add(new UnusedFile(path, Reason.NOT_AN_IMAGE, Files.isRegularFile(e) ? "" : "not a regular file"));
            }
        }
        if (rel.isEmpty()) {
            rootImages.addAll(images);
        } else if (!images.isEmpty()) {
            bags.computeIfAbsent(topBag != null ? topBag : rel, k -> new ArrayList<>()).addAll(images);
        }
        int found = images.size();
        List<String> withoutImages = new ArrayList<>();
        for (Path sub : folders) {
            String subRel = rel.isEmpty() ? sub.getFileName().toString() : rel + "/" + sub.getFileName();
            int n = visitFolder(sub, subRel, subfolders == SubfolderBags.TOP && topBag == null ? subRel : topBag,
                    ancestors);
            if (n == 0) {
                withoutImages.add(subRel + "/");
            }
            found += Math.max(n, 0);
        }
        // only the topmost folder without images is named: its subfolders are then no news
        if (found > 0 || rel.isEmpty()) {
            withoutImages.forEach(f -> unused.add(new UnusedFile(f, Reason.NO_IMAGES, "")));
        }
        return found;
    }

    private int visitFolder(Path sub, String subRel, String topBag, Set<Path> ancestors) {
        Path real;
        List<Path> entries;
        try {
            real = sub.toRealPath();
            if (ancestors.contains(real)) {
                unused.add(new UnusedFile(subRel + "/", Reason.LINK_LOOP, "leads to " + real));
                return UNREADABLE;
            }
            try (Stream<Path> s = Files.list(sub)) {
                entries = s.sorted().toList();
            }
        } catch (IOException | UncheckedIOException e) {
            unused.add(new UnusedFile(subRel + "/", Reason.UNREADABLE_FOLDER, String.valueOf(e.getMessage())));
            return UNREADABLE;
        }
        ancestors.add(real);
        try {
            return visit(sub, subRel, topBag, entries, ancestors);
        } finally {
            ancestors.remove(real);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return "leads to " + Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
