package org.dragnj.datasets.hpa.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupingReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private GroupingException problems(Path file, GroupingFormat format, List<String> classes) {
        return (GroupingException) org.assertj.core.api.Assertions.catchThrowable(
                () -> GroupingReader.read(file, format, classes, Split.TRAIN));
    }

    @Test
    void bagCsvGroupsRowsIntoBagsWithLabelsInClassOrder() throws IOException {
        Path f = write("groups.csv", """
                \uFEFFbag_id,image_id,labels
                p1,img-a,golgi apparatus;nucleoli
                p2,img-c,cytosol
                p1,img-b, nucleoli ; golgi apparatus

                "p,3",img-d,
                """);
        HpaGrouping g = GroupingReader.read(f, GroupingFormat.BAG_CSV, List.of(), Split.VAL);
        // No class list given: the sorted union of the labels found.
        assertThat(g.classes()).containsExactly("cytosol", "golgi apparatus", "nucleoli");
        assertThat(g.bags()).extracting(HpaBag::id).containsExactly("p1", "p2", "p,3");
        HpaBag p1 = g.bags().get(0);
        assertThat(p1.imageIds()).containsExactly("img-a", "img-b");
        assertThat(p1.labels()).containsExactly("golgi apparatus", "nucleoli");
        assertThat(p1.split()).isEqualTo(Split.VAL);
        assertThat(p1.line()).isEqualTo(2);
        assertThat(g.bags().get(2).labels()).isEmpty();
        assertThat(g.imageCount()).isEqualTo(4);

        HpaGrouping ordered = GroupingReader.read(f, GroupingFormat.BAG_CSV,
                List.of("nucleoli", "golgi apparatus", "cytosol", "vesicles"), Split.TRAIN);
        assertThat(ordered.classes()).containsExactly("nucleoli", "golgi apparatus", "cytosol", "vesicles");
        assertThat(ordered.bags().get(0).labels()).containsExactly("nucleoli", "golgi apparatus");
    }

    @Test
    void optionalSplitColumn() throws IOException {
        Path f = write("groups.csv", """
                bag_id,image_id,labels,split
                a,1,x,test
                a,2,x,test
                b,3,x,
                """);
        HpaGrouping g = GroupingReader.read(f, GroupingFormat.BAG_CSV, List.of(), Split.TRAIN);
        assertThat(g.bags()).extracting(HpaBag::split).containsExactly(Split.TEST, Split.TRAIN);
    }

    @Test
    void everyBagCsvProblemIsLocatedByFileLineAndBag() throws IOException {
        Path f = write("groups.csv", """
                bag_id,image_id,labels,split
                a,1,x;y,train
                a,2,y,train
                b,3,x,val
                b,1,x,val
                c,4,zz,train
                d,5,x,training
                a,6,x;y,test
                e,7,x
                ,8,x,train
                f,"9,x,train
                """);
        GroupingException e = problems(f, GroupingFormat.BAG_CSV, List.of("x", "y"));
        assertThat(e.problems()).extracting(GroupingProblem::line).containsExactly(3, 5, 6, 7, 8, 9, 10, 11);
        String m = e.getMessage();
        assertThat(m).startsWith(e.problems().size() + " problem(s) in the image grouping file");
        assertThat(m).contains(f + ":3 bag 'a': labels 'y' differ from the bag's labels 'x;y' on line 2");
        assertThat(m).contains(f + ":5 bag 'b': image '1' is already listed on line 2 (bag 'a')");
        assertThat(m).contains(f + ":6 bag 'c': label 'zz' is not one of the configured classes [x, y]");
        assertThat(m).contains(f + ":7 bag 'd': split must be train, val or test, found 'training'");
        assertThat(m).contains(f + ":8 bag 'a': split 'test' differs from the bag's split 'train' on line 2");
        assertThat(m).contains(f + ":9: expected 4 columns bag_id,image_id,labels,split, found 3");
        assertThat(m).contains(f + ":10: bag_id and image_id must not be empty");
        assertThat(m).contains(f + ":11: not valid CSV");
    }

    @Test
    void badHeaderAndEmptyFiles() throws IOException {
        Path f = write("g.csv", "bag,image,labels\na,1,x\n");
        assertThat(problems(f, GroupingFormat.BAG_CSV, List.of()).getMessage())
                .contains(f + ":1: the first line must be the header bag_id,image_id,labels");
        Path empty = write("e.csv", "bag_id,image_id,labels\n\n");
        assertThat(problems(empty, GroupingFormat.BAG_CSV, List.of()).getMessage())
                .contains(empty + ": no image rows after the header");
        Path unlabeled = write("u.csv", "bag_id,image_id,labels\na,1,\n");
        assertThat(problems(unlabeled, GroupingFormat.BAG_CSV, List.of()).getMessage())
                .contains(unlabeled + ": no bag has a label and no class list is configured");
        assertThatThrownBy(() -> GroupingReader.read(dir.resolve("none.csv"), GroupingFormat.BAG_CSV, List.of(),
                Split.TRAIN)).isInstanceOf(NoSuchFileException.class).hasMessageContaining("none.csv")
                .hasMessageContaining("does not exist");
    }

    @Test
    void kaggleTrainCsvMakesEveryImageItsOwnBag() throws IOException {
        Path f = write("train.csv", """
                Id,Target
                00070df0-bbc3-11e8-b2bc-ac1f6b6435d0,16 0
                000a6c98-bb9b-11e8-b2b9-ac1f6b6435d0,7 1 2 0
                000a9596-bbc4-11e8-b2bc-ac1f6b6435d0,5
                """);
        HpaCropSpec config = HpaCropSpec.builder().setGrouping(f, GroupingFormat.KAGGLE_TRAIN_CSV)
                .setImageFolder(dir).setOutputFolder(dir.resolve("out")).build();
        HpaGrouping g = GroupingReader.read(config.groupingFile(), config.groupingFormat(), config.classes(),
                config.defaultSplit());
        // Default names are the index strings 0 … 27.
        assertThat(g.classes()).hasSize(28).startsWith("0", "1").endsWith("27");
        assertThat(g.bags()).hasSize(3);
        HpaBag first = g.bags().get(0);
        assertThat(first.id()).isEqualTo("00070df0-bbc3-11e8-b2bc-ac1f6b6435d0");
        assertThat(first.imageIds()).containsExactly(first.id());
        assertThat(first.labels()).containsExactly("0", "16");
        assertThat(g.bags().get(1).labels()).containsExactly("0", "1", "2", "7");

        List<String> names = HpaClasses.KAGGLE_2018;
        HpaGrouping named = GroupingReader.read(f, GroupingFormat.KAGGLE_TRAIN_CSV, names, Split.TRAIN);
        assertThat(named.bags().get(0).labels()).containsExactly("Nucleoplasm", "Cytokinetic bridge");
    }

    @Test
    void everyKaggleProblemIsLocated() throws IOException {
        Path f = write("train.csv", """
                Id,Target
                a,0 1
                b,3 x
                c,12
                a,1
                d
                """);
        GroupingException e = problems(f, GroupingFormat.KAGGLE_TRAIN_CSV, List.of("n0", "n1", "n2", "n3"));
        assertThat(e.problems()).extracting(GroupingProblem::line).containsExactly(3, 4, 5, 6);
        assertThat(e.getMessage())
                .contains(f + ":3 bag 'b': Target '3 x' must be space-separated class indices; 'x' is not a number")
                .contains(f + ":4 bag 'c': class index 12 is outside 0..3 (4 class names configured")
                .contains(f + ":5 bag 'a': Id already listed on line 2")
                .contains(f + ":6: expected 2 columns Id,Target, found 1");
        Path header = write("t2.csv", "Image,Label\na,1\n");
        assertThat(problems(header, GroupingFormat.KAGGLE_TRAIN_CSV, List.of("n0", "n1")).getMessage())
                .contains(header + ":1: the first line must be the Kaggle header Id,Target");
    }
}
