package org.dragnj.datasets.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.datasets.folder.UnusedFile.Reason;
import org.dragnj.datasets.synthetic.PngFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of images read as unlabelled bags, and every file in none of them reported. */
class ImageFolderTest {

    @TempDir
    Path root;

    private void png(String... files) throws IOException {
        for (String f : files) {
            Files.createDirectories(root.resolve(f).getParent());
            PngFiles.writeGray(root.resolve(f), new byte[4], 2, 2);
        }
    }

    private void text(String file) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), "notes");
    }

    private FolderBags read(FolderGrouping grouping, SubfolderBags subfolders) throws IOException {
        return ImageFolder.read(root, List.of("a"), grouping, subfolders);
    }

    private FolderBags read() throws IOException {
        return read(FolderGrouping.subfolders(), SubfolderBags.EACH);
    }

    private static Map<String, List<String>> bags(FolderBags b) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        b.manifest().bags().forEach(r -> out.put(r.id(), r.instances()));
        return out;
    }

    @Test
    void everyFolderHoldingImagesAtAnyDepthIsABagNamedByItsPath() throws IOException {
        png("plateB/well1/field2/b.png", "plateB/well1/field2/a.png", "plateA/well3/x.tif", "plateA/well10/y.png",
                "plateB/well1/field1/c.jpg");

        FolderBags b = read();

        assertThat(bags(b)).containsExactly(
                Map.entry("plateA/well10", List.of("plateA/well10/y.png")),
                Map.entry("plateA/well3", List.of("plateA/well3/x.tif")),
                Map.entry("plateB/well1/field1", List.of("plateB/well1/field1/c.jpg")),
                Map.entry("plateB/well1/field2", List.of("plateB/well1/field2/a.png", "plateB/well1/field2/b.png")));
        assertThat(b.images()).isEqualTo(5);
        assertThat(b.unused().isEmpty()).isTrue();
        assertThat(b.manifest().resolve("plateA/well3/x.tif")).isEqualTo(root.resolve("plateA/well3/x.tif")
                .toAbsolutePath().normalize());
    }

    @Test
    void aSubfolderWithOnlyNonImagesIsReportedNotLostAndSoIsEachOfItsFiles() throws IOException {
        png("geneA/1.png");
        text("notes/readme.txt");
        text("notes/old/2019.csv");
        text("geneA/metadata.xml");

        FolderBags b = read();

        assertThat(bags(b)).containsOnlyKeys("geneA");
        assertThat(b.unused().files()).extracting(UnusedFile::path, UnusedFile::reason).containsExactly(
                tuple("geneA/metadata.xml", Reason.NOT_AN_IMAGE),
                tuple("notes/", Reason.NO_IMAGES),
                tuple("notes/old/2019.csv", Reason.NOT_AN_IMAGE),
                tuple("notes/readme.txt", Reason.NOT_AN_IMAGE));
        assertThat(b.unused().summary()).containsExactly(
                "3 not an image (the images read end in bmp, jpeg, jpg, png, tif, tiff): geneA/metadata.xml,"
                        + " notes/old/2019.csv, notes/readme.txt",
                "1 folder with no images in it or below it, so no bag: notes/");
    }

    @Test
    void aFolderWithImagesAndSubfoldersIsABagOfItsOwnImagesAndEachSubfolderABagApart() throws IOException {
        png("plate/overview.png", "plate/well1/a.png", "plate/well1/b.png", "plate/well2/c.png");

        assertThat(bags(read())).containsExactly(
                Map.entry("plate", List.of("plate/overview.png")),
                Map.entry("plate/well1", List.of("plate/well1/a.png", "plate/well1/b.png")),
                Map.entry("plate/well2", List.of("plate/well2/c.png")));
    }

    @Test
    void topMakesEachFirstLevelSubfolderOneBagOfEverythingBelowIt() throws IOException {
        png("plate/overview.png", "plate/well1/a.png", "plate/well2/c.png", "other/x/y/z.png", "root.png");

        FolderBags b = read(FolderGrouping.oneBag(), SubfolderBags.TOP);

        assertThat(bags(b)).containsExactly(
                Map.entry(root.getFileName().toString(), List.of("root.png")),
                Map.entry("other", List.of("other/x/y/z.png")),
                Map.entry("plate", List.of("plate/overview.png", "plate/well1/a.png", "plate/well2/c.png")));
        assertThat(b.subfolders()).isEqualTo(SubfolderBags.TOP);
    }

    @Test
    void hiddenFilesAndFoldersAreSkippedAndReportedAndAHiddenFolderIsNotLookedInto() throws IOException {
        png("geneA/1.png", "geneA/.thumb.png", ".cache/geneB/1.png", "geneC/.previews/1.png");
        text(".DS_Store");

        FolderBags b = read();

        assertThat(bags(b)).containsOnlyKeys("geneA");
        assertThat(b.unused().files()).extracting(UnusedFile::path, UnusedFile::reason).containsExactly(
                tuple(".DS_Store", Reason.HIDDEN),
                tuple(".cache/", Reason.HIDDEN),
                tuple("geneA/.thumb.png", Reason.HIDDEN),
                tuple("geneC/", Reason.NO_IMAGES),
                tuple("geneC/.previews/", Reason.HIDDEN));
    }

    @Test
    void imagesDirectlyInTheFolderKeepTheirRules() throws IOException {
        png("s1_a.png", "s1_b.png", "s2_a.png", "deep/er/x.png");

        assertThatThrownBy(this::read).isInstanceOf(BadInputException.class)
                .hasMessageContaining("3 images lie directly in " + root.toAbsolutePath().normalize())
                .hasMessageContaining("--one-bag").hasMessageContaining("--group-by");
        assertThat(bags(read(FolderGrouping.byPattern("(s\\d)_.*"), SubfolderBags.EACH))).containsExactly(
                Map.entry("s1", List.of("s1_a.png", "s1_b.png")),
                Map.entry("s2", List.of("s2_a.png")),
                Map.entry("deep/er", List.of("deep/er/x.png")));
    }

    @Test
    void twoBagsWithOneIdAreRefusedNamingBoth() throws IOException {
        png("s1_a.png", "s1/b.png");

        assertThatThrownBy(() -> read(FolderGrouping.byPattern("(s\\d)_.*"), SubfolderBags.EACH))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("two bags would be named 's1': the subfolder "
                        + root.toAbsolutePath().normalize().resolve("s1"))
                .hasMessageContaining("grouped by '(s\\d)_.*'");
    }

    @Test
    void aLinkBackToAnEnclosingFolderIsReportedNotWalkedForever() throws IOException {
        png("geneA/1.png");
        Files.createSymbolicLink(root.resolve("geneA/loop"), root);
        Files.createSymbolicLink(root.resolve("gone"), root.resolve("nowhere"));
        png("elsewhere/2.png");
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("elsewhere"));

        FolderBags b = read();

        assertThat(bags(b)).containsExactly(
                Map.entry("elsewhere", List.of("elsewhere/2.png")),
                Map.entry("geneA", List.of("geneA/1.png")),
                Map.entry("linked", List.of("linked/2.png")));
        assertThat(b.unused().files()).extracting(UnusedFile::path, UnusedFile::reason).containsExactly(
                tuple("geneA/loop/", Reason.LINK_LOOP),
                tuple("gone", Reason.BROKEN_LINK));
    }

    @Test
    void aNameThatDoesNotReadBackIsReportedRatherThanFailingLater() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell to write a raw file name");
        Assumptions.assumeFalse(decodes(System.getProperty("sun.jnu.encoding", "UTF-8"), (byte) 0xff),
                "needs a file-name encoding in which the byte 0xff is not a character");
        png("geneA/1.png");
        // Java cannot write a name that is not valid in the file-name encoding; the shell writes the raw bytes
        Process p = new ProcessBuilder("/bin/sh", "-c", "cp \"$1/geneA/1.png\" \"$1/geneA/$(printf '\\377')x.png\"",
                "sh", root.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();

        FolderBags b = read();

        assertThat(bags(b)).containsExactly(Map.entry("geneA", List.of("geneA/1.png")));
        assertThat(b.unused().files()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(Reason.UNREADABLE_NAME);
            assertThat(f.path()).startsWith("geneA/").endsWith("x.png");
        });
    }

    private static boolean decodes(String charset, byte b) {
        try {
            Charset.forName(charset).newDecoder().decode(ByteBuffer.wrap(new byte[] {b}));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void noImagesAnywhereSaysWhatWasThere() throws IOException {
        text("a/readme.txt");

        assertThatThrownBy(this::read).isInstanceOf(BadInputException.class).hasMessage("no images (bmp, jpeg, jpg,"
                + " png, tif, tiff) in " + root.toAbsolutePath().normalize() + " or any folder below it; not used: 1 not"
                + " an image (the images read end in bmp, jpeg, jpg, png, tif, tiff): a/readme.txt; 1 folder with no"
                + " images in it or below it, so no bag: a/");
    }

    @Test
    void theListOfUnusedFilesIsACsvWithEveryEntry() throws IOException {
        png("g/1.png");
        text("g/a,b.txt");
        Path out = root.resolveSibling(root.getFileName() + "-unused.csv");

        read().unused().write(out);

        assertThat(Files.readAllLines(out)).containsExactly("path,reason,detail", "\"g/a,b.txt\",NOT_AN_IMAGE,");
        Files.delete(out);
    }
}
