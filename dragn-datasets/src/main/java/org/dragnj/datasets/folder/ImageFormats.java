package org.dragnj.datasets.folder;

import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;

/**
 * Reads an image file's {@link ImageFormat} from its header where Java's image readers know the
 * format (PNG, JPEG, TIFF, BMP), else by decoding it with OpenCV; either way the channels are those
 * OpenCV decodes, which is what a model is fed.
 */
public final class ImageFormats {

    private ImageFormats() {
    }

    public static ImageFormat read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in != null) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (readers.hasNext()) {
                    ImageReader reader = readers.next();
                    try {
                        reader.setInput(in, true, true);
                        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                        ImageTypeSpecifier type = types.hasNext() ? types.next() : reader.getRawImageType(0);
                        if (type != null) {
                            return new ImageFormat(reader.getWidth(0), reader.getHeight(0),
                                    decodedChannels(type), type.getColorModel().getComponentSize(0));
                        }
                    } catch (IOException | RuntimeException e) {
                        // an unusual variant of a known format: OpenCV decides below
                    } finally {
                        reader.dispose();
                    }
                }
            }
        }
        return decode(file);
    }

    /** The channels OpenCV decodes (what training sees): palettes become BGR(A), grey + alpha BGRA. */
    private static int decodedChannels(ImageTypeSpecifier type) {
        ColorModel cm = type.getColorModel();
        if (cm instanceof IndexColorModel) {
            return cm.hasAlpha() ? 4 : 3;
        }
        int bands = type.getSampleModel().getNumBands();
        return bands == 2 ? 4 : bands;
    }

    /**
     * Decodes the whole file, as training will: a file whose header reads fine but whose data is
     * truncated or corrupt fails here, not hours later.
     */
    public static ImageFormat decode(Path file) throws IOException {
        try (Mat m = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            if (m == null || m.empty()) {
                throw new IOException("image " + file + " cannot be decoded");
            }
            int bits = switch (m.depth()) {
                case opencv_core.CV_8U, opencv_core.CV_8S -> 8;
                case opencv_core.CV_16U, opencv_core.CV_16S -> 16;
                default -> 32;
            };
            return new ImageFormat(m.cols(), m.rows(), m.channels(), bits);
        }
    }

    /**
     * The most common format among the first instance of up to {@code maxBags} of {@code bags}: what a
     * model trained on them saw. Null when none could be read.
     */
    public static ImageFormat typical(Manifest manifest, List<BagRecord> bags, int maxBags) {
        Map<ImageFormat, Integer> counts = new HashMap<>();
        for (BagRecord b : bags.subList(0, Math.min(maxBags, bags.size()))) {
            try {
                counts.merge(read(manifest.resolve(b.instances().get(0))), 1, Integer::sum);
            } catch (IOException | RuntimeException e) {
                // an unreadable image fails training itself, with its name; here it only does not count
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
