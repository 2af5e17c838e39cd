package org.dragnj.data.iterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads one instance image into [channels, height, width] floats: OpenCV decodes the file with
 * every channel and bit depth it has (DataVec's own file path drops the alpha channel, which is
 * where four-channel fluorescence keeps its fourth stain), DataVec's NativeImageLoader converts,
 * resizes and matches the channel count, and values are scaled by the type's maximum.
 * Channel order is OpenCV's: BGR, BGRA.
 */
final class InstanceLoader {

    private final NativeImageLoader loader;
    private final Normalization normalization;

    InstanceLoader(BagLoaderSpec spec) {
        this.loader = new NativeImageLoader(spec.height(), spec.width(), spec.channels());
        this.normalization = spec.normalization();
    }

    float[] load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("image " + file + " does not exist");
        }
        try (Mat mat = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            if (mat == null || mat.empty()) {
                throw new IOException("image " + file + " cannot be decoded");
            }
            double scale = switch (normalization) {
                case NONE -> 1.0;
                case UNIT -> mat.depth() == opencv_core.CV_16U ? 65535.0 : mat.depth() == opencv_core.CV_8U ? 255.0 : 1.0;
            };
            INDArray a = loader.asMatrix(mat).castTo(DataType.FLOAT);
            float[] values = a.dup('c').data().asFloat();
            if (scale != 1.0) {
                float f = (float) (1 / scale);
                for (int i = 0; i < values.length; i++) {
                    values[i] *= f;
                }
            }
            return values;
        }
    }
}
