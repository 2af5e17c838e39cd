package org.dragnj.datasets.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.io.AtomicFiles;

/** 8-bit PNG files written with OpenCV, atomically (a temporary file, then a move). */
public final class PngFiles {

    private PngFiles() {
    }

    /** Grey pixels, row-major. */
    public static void writeGray(Path file, byte[] pixels, int h, int w) throws IOException {
        write(file, pixels, h, w, opencv_core.CV_8UC1);
    }

    /** Interleaved BGR pixels, row-major (OpenCV's channel order). */
    public static void writeBgr(Path file, byte[] bgr, int h, int w) throws IOException {
        write(file, bgr, h, w, opencv_core.CV_8UC3);
    }

    private static void write(Path file, byte[] data, int h, int w, int type) throws IOException {
        Files.createDirectories(file.getParent());
        // a fresh temporary name: two processes writing the same file must not share one (".png": OpenCV's encoder)
        Path tmp = AtomicFiles.temporarySibling(file, ".tmp.png");
        try (Mat mat = new Mat(h, w, type)) {
            ByteBuffer buf = mat.createBuffer();
            buf.put(data);
            if (!opencv_imgcodecs.imwrite(tmp.toString(), mat)) {
                throw new IOException("could not write " + file);
            }
        }
        AtomicFiles.move(tmp, file);
    }
}
