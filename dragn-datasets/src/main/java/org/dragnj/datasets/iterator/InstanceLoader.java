package org.dragnj.datasets.iterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.dragnj.bags.ChannelOrder;

/**
 * Reads one instance image into [channels, height, width] floats with OpenCV: decoded with every
 * channel and bit depth it has (four-channel fluorescence keeps its fourth stain as alpha), its
 * channel count matched, put in the spec's channel order (OpenCV decodes BGR, BGRA; pretrained
 * weights read RGB), resized bilinearly, and values scaled by the type's maximum. (The conversions
 * are those of DataVec's NativeImageLoader, which this replaces so that no second image stack rides
 * along.)
 */
final class InstanceLoader {

    private final int height;
    private final int width;
    private final int channels;
    private final Normalization normalization;
    private final ChannelOrder order;

    InstanceLoader(BagLoaderSpec spec) {
        this.height = spec.height();
        this.width = spec.width();
        this.channels = spec.channels();
        this.normalization = spec.normalization();
        this.order = spec.channelOrder();
    }

    float[] load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("image " + file + " does not exist");
        }
        try (Mat decoded = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            if (decoded == null || decoded.empty()) {
                throw new IOException("image " + file + " cannot be decoded");
            }
            double scale = switch (normalization) {
                case NONE -> 1.0;
                case UNIT -> decoded.depth() == opencv_core.CV_16U ? 65535.0
                        : decoded.depth() == opencv_core.CV_8U ? 255.0 : 1.0;
            };
            try (Mat matched = matchChannels(decoded, file); Mat ordered = reorder(matched); Mat sized = resize(ordered);
                    Mat values = new Mat()) {
                sized.convertTo(values, opencv_core.CV_32F);
                float[] out = channelsFirst(values);
                if (scale != 1.0) {
                    float f = (float) (1 / scale);
                    for (int i = 0; i < out.length; i++) {
                        out[i] *= f;
                    }
                }
                return out;
            }
        }
    }

    private Mat matchChannels(Mat image, Path file) throws IOException {
        if (image.channels() == channels) {
            return image.clone();
        }
        int code = switch (image.channels() * 10 + channels) {
            case 13 -> opencv_imgproc.COLOR_GRAY2BGR;
            case 14 -> opencv_imgproc.COLOR_GRAY2RGBA;
            case 31 -> opencv_imgproc.COLOR_BGR2GRAY;
            case 34 -> opencv_imgproc.COLOR_BGR2RGBA;
            case 41 -> opencv_imgproc.COLOR_RGBA2GRAY;
            case 43 -> opencv_imgproc.COLOR_RGBA2BGR;
            default -> throw new IOException("image " + file + " has " + image.channels() + " channels; cannot"
                    + " convert it to " + channels);
        };
        Mat out = new Mat();
        opencv_imgproc.cvtColor(image, out, code);
        return out;
    }

    private Mat reorder(Mat image) {
        if (order == ChannelOrder.BGR || image.channels() < 3) {
            return image.clone();
        }
        Mat out = new Mat();
        opencv_imgproc.cvtColor(image, out, image.channels() == 3 ? opencv_imgproc.COLOR_BGR2RGB
                : opencv_imgproc.COLOR_BGRA2RGBA);
        return out;
    }

    private Mat resize(Mat image) {
        if (image.rows() == height && image.cols() == width) {
            return image.clone();
        }
        Mat out = new Mat();
        opencv_imgproc.resize(image, out, new Size(width, height));
        return out;
    }

    /** [h, w, c] interleaved floats to [c, h, w]. */
    private static float[] channelsFirst(Mat values) {
        int rows = values.rows();
        int cols = values.cols();
        int c = values.channels();
        float[] out = new float[c * rows * cols];
        try (FloatIndexer idx = values.createIndexer()) {
            for (int k = 0; k < c; k++) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        out[(k * rows + i) * cols + j] = idx.get(i, j, k);
                    }
                }
            }
        }
        return out;
    }
}
