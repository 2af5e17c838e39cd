package org.dragnj.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A class keeps one colour in every figure, and a class named after a colour is drawn in that colour. */
class ClassColoursTest {

    /** The demo's classes: each gets the palette colour nearest to its name (Tol's rose, green, indigo, sand). */
    @Test
    void classesNamedAfterColoursAreDrawnInThoseColours() {
        ClassColours c = ClassColours.of(List.of("red-square", "green-disc", "blue-ring", "yellow-cross"));
        assertThat(ClassColours.hex(c.of("red-square"))).isEqualTo("#cc6677");
        assertThat(ClassColours.hex(c.of("green-disc"))).isEqualTo("#117733");
        assertThat(ClassColours.hex(c.of("blue-ring"))).isEqualTo("#332288");
        assertThat(ClassColours.hex(c.of("yellow-cross"))).isEqualTo("#ddcc77");
    }

    /** Other names take the palette in order, skipping the colours the named classes took. */
    @Test
    void otherClassesTakeTheRemainingColoursInOrder() {
        ClassColours c = ClassColours.of(List.of("Nucleoplasm", "Golgi apparatus", "green stuff"));
        assertThat(c.of(2)).isEqualTo(new Color(0x117733));
        assertThat(c.of(0)).isEqualTo(ClassColours.PALETTE.get(0));
        assertThat(c.of(1)).isEqualTo(ClassColours.PALETTE.get(1));
        assertThat(ClassColours.namedColour("Golgi apparatus")).isNull();
        assertThat(ClassColours.namedColour("Reddish")).isNull(); // whole words only
    }

    /** Nine classes get nine different colours, none the reference grey; past nine the palette repeats. */
    @Test
    void ninesDistinctColoursThenRepeats() {
        List<String> labels = IntStream.range(0, 12).mapToObj(i -> "class " + i).toList();
        ClassColours c = ClassColours.of(labels);
        assertThat(new HashSet<>(IntStream.range(0, 9).mapToObj(c::of).toList())).hasSize(9)
                .doesNotContain(ClassColours.REFERENCE);
        assertThat(c.of(9)).isEqualTo(c.of(0));
        assertThatThrownBy(() -> c.of("unknown")).hasMessageContaining("no colour for unknown label 'unknown'");
    }
}
