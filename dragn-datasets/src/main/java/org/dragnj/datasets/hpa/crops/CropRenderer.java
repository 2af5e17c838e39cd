package org.dragnj.datasets.hpa.crops;

import java.io.IOException;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.dragnj.datasets.hpa.image.HpaImage;
import org.dragnj.datasets.hpa.proposals.Box;

/**
 * Cuts a window out of the full-resolution image (all channels), resizes it to S×S and encodes it as
 * PNG in the configured {@link CropFormat} and {@link CropDepth}.
 */
final class CropRenderer {

    private final HpaCropSpec config;

    CropRenderer(HpaCropSpec config) {
        this.config = config;
    }

    /** The PNG bytes of one crop. */
    byte[] render(HpaImage image, Box window) throws IOException {
        int s = config.cropSize();
        boolean rgba = config.cropFormat() == CropFormat.RGBA_ER;
        // OpenCV writes B, G, R(, A): B = nucleus, G = protein, R = microtubules, A = ER.
        Mat[] order = rgba ? new Mat[] {image.blue(), image.green(), image.red(), image.yellow()}
                : new Mat[] {image.blue(), image.green(), image.red()};
        try (Rect roi = new Rect(window.x(), window.y(), window.w(), window.h());
                MatVector parts = new MatVector(order.length);
                Mat merged = new Mat();
                Mat resized = new Mat();
                Size size = new Size(s, s)) {
            Mat[] views = new Mat[order.length];
            try {
                for (int c = 0; c < order.length; c++) {
                    views[c] = new Mat(order[c], roi); // a view, no copy
                    parts.put(c, views[c]);
                }
                opencv_core.merge(parts, merged);
            } finally {
                for (Mat v : views) {
                    if (v != null) {
                        v.close();
                    }
                }
            }
            // Area averaging when shrinking avoids aliasing of fine structure; bilinear when enlarging.
            int interpolation = window.w() > s ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR;
            opencv_imgproc.resize(merged, resized, size, 0, 0, interpolation);
            if (config.cropDepth() == CropDepth.EIGHT_BIT && image.sixteenBit()) {
                try (Mat eight = new Mat()) {
                    resized.convertTo(eight, opencv_core.CV_8U, 255.0 / 65535.0, 0);
                    return encode(eight, image.id());
                }
            }
            return encode(resized, image.id());
        }
    }

    private static byte[] encode(Mat m, String id) throws IOException {
        try (BytePointer buf = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(".png", m, buf)) {
                throw new IOException("OpenCV could not encode a crop of image '" + id + "' as PNG");
            }
            byte[] bytes = new byte[(int) buf.limit()];
            buf.get(bytes);
            return bytes;
        }
    }
}
