package org.dragnj.bags.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLineAndCrlfEndsLines() throws IOException {
        Path file = write(BOM, "yolk\r\nventral nerve cord\r\n");
        assertThat(TextFiles.readLines(file)).containsExactly("yolk", "ventral nerve cord");
        try (BufferedReader r = TextFiles.reader(file)) {
            assertThat(r.readLine()).isEqualTo("yolk");
            assertThat(r.readLine()).isEqualTo("ventral nerve cord");
            assertThat(r.readLine()).isNull();
        }
        // what plain Java reads from the same file
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("\uFEFFyolk");
    }

    @Test
    void filesWithoutAMarkAndEmptyFilesAreReadAsTheyAre() throws IOException {
        assertThat(TextFiles.readLines(write(new byte[0], "a\rb"))).containsExactly("a", "b");
        try (BufferedReader r = TextFiles.reader(write(new byte[0], ""))) {
            assertThat(r.read()).isEqualTo(-1);
        }
        try (BufferedReader r = TextFiles.reader(write(BOM, ""))) {
            assertThat(r.read()).isEqualTo(-1);
        }
        try (BufferedReader r = TextFiles.reader(write(new byte[0], "x\uFEFF"))) {
            assertThat(r.readLine()).isEqualTo("x\uFEFF");
        }
    }

    private int files;

    private Path write(byte[] prefix, String text) throws IOException {
        Path file = dir.resolve("f" + files++ + ".txt");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        Files.write(file, all);
        return file;
    }
}
