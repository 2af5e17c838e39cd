package org.dragnj.bags.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SyntheticBagGeneratorTest {

    private final SyntheticBagGenerator gen = new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(5)
            .optImageSize(24, 20).optBagLengths(2, 7).optSeed(3).build());

    @Test
    void aBagIsAFunctionOfSeedAndIndexOnly() {
        SyntheticBagSample a = gen.sample(17);
        gen.sample(3);
        SyntheticBagSample b = gen.sample(17);
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(b.instances()).hasSameSizeAs(a.instances());
        for (int j = 0; j < a.instances().size(); j++) {
            assertThat(b.instances().get(j)).isEqualTo(a.instances().get(j));
        }
    }

    @Test
    void lengthsAndLabelsVaryAcrossConsecutiveBags() {
        Set<Integer> lengths = new HashSet<>();
        int positives = 0;
        int labels = 0;
        for (int i = 0; i < 200; i++) {
            SyntheticBagSample s = gen.sample(i);
            lengths.add(s.instances().size());
            for (boolean l : s.labels()) {
                positives += l ? 1 : 0;
                labels++;
            }
        }
        assertThat(lengths).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
        // label probability 0.35 by default
        assertThat((double) positives / labels).isBetween(0.28, 0.42);
    }

    @Test
    void imagesAreChwInUnitRangeWithAsManyInstancesAsTheLength() {
        var bag = gen.bag(5);
        assertThat(bag.id()).isEqualTo("bag-5");
        assertThat(bag.instances().shape()).containsExactly(bag.length(), 3, 24, 20);
        assertThat(bag.instances().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(bag.instances().maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(bag.labels().length()).isEqualTo(5);
    }

    @Test
    void aPositiveLabelsColourIsPresentAndANegativeBagHasNone() {
        // Label 0 is a red square: a pixel with red high and green/blue low appears only in positive bags.
        SyntheticBagGenerator clean = new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(1)
                .optNoise(0).optSeed(9).build());
        int checked = 0;
        for (int i = 0; i < 40; i++) {
            SyntheticBagSample s = clean.sample(i);
            boolean red = s.instances().stream().anyMatch(SyntheticBagGeneratorTest::hasRedPixel);
            assertThat(red).as("bag %d", i).isEqualTo(s.labels()[0]);
            checked++;
        }
        assertThat(checked).isEqualTo(40);
        assertThat(clean.classNames()).containsExactly("red-square");
    }

    @Test
    void splitEvidenceSpreadsAPositiveMotifOverTwoInstancesAndShowsDecoyHalves() {
        // One red square label; r = 4: a whole square has 9 x 9 = 81 pixels, a half 4 or 5 columns.
        SyntheticBagGenerator split = new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(1)
                .optBagLengths(2, 5).optImageSize(32, 32).optEvidence(SyntheticBagSpec.Evidence.SPLIT).optNoise(0)
                .optSeed(4).build());
        int decoys = 0;
        int positives = 0;
        for (int i = 0; i < 60; i++) {
            SyntheticBagSample s = split.sample(i);
            long instancesWithRed = s.instances().stream().filter(SyntheticBagGeneratorTest::hasRedPixel).count();
            int red = s.instances().stream().mapToInt(SyntheticBagGeneratorTest::redPixels).sum();
            if (s.labels()[0]) {
                positives++;
                assertThat(instancesWithRed).as("bag %d", i).isEqualTo(2);
                assertThat(red).as("bag %d", i).isEqualTo(81);
            } else if (red > 0) {
                decoys++;
                assertThat(instancesWithRed).isEqualTo(1);
                assertThat(red).isIn(36, 45);
            }
        }
        assertThat(positives).isPositive();
        assertThat(decoys).isPositive();
    }

    @Test
    void invalidSpecsAreRejected() {
        assertThatThrownBy(() -> SyntheticBagSpec.builder().optClasses(25).build()).hasMessageContaining("classes");
        assertThatThrownBy(() -> SyntheticBagSpec.builder().optBagLengths(3, 2).build())
                .hasMessageContaining("bag lengths");
    }

    private static boolean hasRedPixel(float[] chw) {
        return redPixels(chw) > 0;
    }

    private static int redPixels(float[] chw) {
        int plane = chw.length / 3;
        int n = 0;
        for (int p = 0; p < plane; p++) {
            if (chw[p] > 0.9f && chw[plane + p] < 0.3f && chw[2 * plane + p] < 0.3f) {
                n++;
            }
        }
        return n;
    }
}
