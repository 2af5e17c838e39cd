package org.dragnj.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.ManifestWriter;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.manifest.ManifestProblem.Kind;
import org.dragnj.datasets.manifest.ManifestReader.ImageCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @BeforeEach
    void images() throws IOException {
        Files.createDirectories(dir.resolve("img"));
        for (String name : List.of("a1.png", "a2.png", "b1.png", "c1.png")) {
            Files.write(dir.resolve("img").resolve(name), new byte[] {1});
        }
    }

    @Test
    void roundTripKeepsEverythingIncludingQuotingAndEmptyLabels() throws IOException {
        List<BagRecord> bags = List.of(
                new BagRecord("gene,1", Split.TRAIN, List.of("ventral \"nerve\" cord", "yolk"), List.of("img/a1.png",
                        "img/a2.png")),
                new BagRecord("b", Split.VAL, List.of(), List.of("img/b1.png")),
                new BagRecord("c", Split.TEST, List.of("yolk"), List.of(dir.resolve("img/c1.png").toString())));
        ManifestWriter.write(dir, List.of("yolk", "ventral \"nerve\" cord"), bags);
        ManifestReader.Result r = ManifestReader.strict().read(dir);
        assertThat(r.report().isClean()).isTrue();
        assertThat(r.manifest().bags()).isEqualTo(bags);
        assertThat(r.manifest().classes()).containsExactly("yolk", "ventral \"nerve\" cord");
        assertThat(r.manifest().targets(bags.get(0))).containsExactly(1f, 1f);
        assertThat(r.manifest().targets(bags.get(1))).containsExactly(0f, 0f);
        assertThat(r.manifest().bags(Split.VAL)).extracting(BagRecord::id).containsExactly("b");
        assertThat(r.manifest().resolve("img/a1.png")).isEqualTo(dir.resolve("img/a1.png").toAbsolutePath().normalize());
    }

    @Test
    void everyProblemIsLocatedAndNamed() throws IOException {
        write("""
                bag_id,split,labels,instances
                ok,train,x,img/a1.png
                lab,train,x;nope,img/a2.png
                miss,val,x,img/none.png;img/b1.png
                ok,test,x,img/c1.png
                sp,training,x,img/a1.png
                empty,train,x,
                short,train,x
                """, "x\ny\n");
        assertThatThrownBy(() -> ManifestReader.strict().read(dir)).isInstanceOf(ManifestException.class)
                .satisfies(e -> {
                    List<ManifestProblem> p = ((ManifestException) e).problems();
                    assertThat(p).extracting(ManifestProblem::kind).containsExactly(Kind.UNKNOWN_LABEL,
                            Kind.MISSING_IMAGE, Kind.DUPLICATE_BAG_ID, Kind.BAD_SPLIT, Kind.EMPTY_BAG,
                            Kind.MALFORMED_ROW);
                    assertThat(p).extracting(ManifestProblem::line).containsExactly(3, 4, 5, 6, 7, 8);
                    assertThat(p.get(0).message()).contains("bags.csv:3", "bag 'lab'", "label 'nope'", "classes.txt");
                    assertThat(p.get(1).message()).contains("bag 'miss'", "img/none.png", "does not exist");
                    assertThat(p.get(3).message()).contains("'training'", "train, val or test");
                })
                .hasMessageContaining("6 problem(s)").hasMessageContaining("ValidationPolicy.SKIP");
    }

    @Test
    void skipModeLeavesOffendersOutAndReportsWhatAndWhy() throws IOException {
        write("""
                bag_id,split,labels,instances
                ok,train,x,img/a1.png
                lab,train,nope,img/a2.png
                miss,val,x,img/none.png;img/b1.png
                allmissing,val,y,img/none.png
                """, "x\ny\n");
        ManifestReader.Result r = ManifestReader.of(ValidationPolicy.SKIP, ImageCheck.EXISTS).read(dir);
        // "miss" still has img/b1.png, but its label may come from the missing image: the whole bag goes
        assertThat(r.manifest().bags()).extracting(BagRecord::id).containsExactly("ok");
        ValidationReport rep = r.report();
        assertThat(rep.bagsRead()).isEqualTo(4);
        assertThat(rep.bagsKept()).isEqualTo(1);
        assertThat(rep.bagsSkipped()).isEqualTo(3);
        assertThat(rep.countsByKind()).containsOnly(Map.entry(Kind.UNKNOWN_LABEL, 1L), Map.entry(Kind.MISSING_IMAGE, 2L));
        assertThat(rep.summary()).isEqualTo("read 4 bags, kept 1, skipped 3; problems: 1 UNKNOWN_LABEL, 2 MISSING_IMAGE");
    }

    @Test
    void decodeCheckFindsFilesThatAreNotImages() throws IOException {
        write("bag_id,split,labels,instances\nbad,train,x,img/a1.png\n", "x\n");
        assertThat(ManifestReader.of(ValidationPolicy.SKIP, ImageCheck.EXISTS).read(dir).report().isClean()).isTrue();
        ValidationReport rep = ManifestReader.of(ValidationPolicy.SKIP, ImageCheck.DECODE).read(dir).report();
        assertThat(rep.problems()).extracting(ManifestProblem::kind).containsExactly(Kind.UNREADABLE_IMAGE);
        assertThat(rep.bagsKept()).isZero();
        assertThat(rep.problems().get(0).message()).contains("not a decodable image");
    }

    @Test
    void aWrongHeaderOrBadClassesStopReadingWithTheReason() throws IOException {
        write("id,split,labels,instances\nok,train,x,img/a1.png\n", "x\n");
        assertThatThrownBy(() -> ManifestReader.of(ValidationPolicy.SKIP, ImageCheck.NONE).read(dir))
                .hasMessageContaining("bags.csv:1").hasMessageContaining("BAD_HEADER").hasMessageContaining("'id,split");
        write("bag_id,split,labels,instances\n", "x\n\nx\na;b\n");
        assertThatThrownBy(() -> ManifestReader.of(ValidationPolicy.SKIP, ImageCheck.NONE).read(dir))
                .hasMessageContaining("classes.txt:2").hasMessageContaining("empty line")
                .hasMessageContaining("classes.txt:3").hasMessageContaining("already on line 1")
                .hasMessageContaining("contains ';'");
    }

    @Test
    void spreadsheetExportsWithAByteOrderMarkAndCrlfReadAsTheirText() throws IOException {
        // Excel's "CSV UTF-8" and Notepad: a mark before the first class once made "\uFEFFx" a class of its own
        write("\uFEFFbag_id,split,labels,instances\r\na,train,x;y,img/a1.png\r\nb,test,y,img/b1.png\r\n",
                "\uFEFFx\r\ny\r\n");
        ManifestReader.Result r = ManifestReader.strict().read(dir);
        assertThat(r.report().isClean()).isTrue();
        assertThat(r.manifest().classes()).containsExactly("x", "y");
        assertThat(r.manifest().bags()).extracting(BagRecord::labels)
                .containsExactly(List.of("x", "y"), List.of("y"));
        assertThat(r.manifest().bags().get(1).instances()).containsExactly("img/b1.png");
    }

    @Test
    void aMissingManifestFileIsNamed() {
        assertThatThrownBy(() -> ManifestReader.strict().read(dir.resolve("nowhere")))
                .hasMessageContaining("classes.txt").hasMessageContaining("bags.csv");
    }

    @Test
    void theWriterRefusesWhatTheReaderWouldReject() {
        assertThatThrownBy(() -> ManifestWriter.write(dir, List.of("x"), List.of(
                new BagRecord("a", Split.TRAIN, List.of("x"), List.of("img/a1.png")),
                new BagRecord("a", Split.TRAIN, List.of("x"), List.of("img/a2.png")))))
                .hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> ManifestWriter.write(dir, List.of("x"), List.of(
                new BagRecord("a", Split.TRAIN, List.of("z"), List.of("img/a1.png")))))
                .hasMessageContaining("label 'z'");
    }

    private void write(String bags, String classes) throws IOException {
        Files.writeString(dir.resolve(Manifest.BAGS_FILE), bags);
        Files.writeString(dir.resolve(Manifest.CLASSES_FILE), classes);
    }
}
