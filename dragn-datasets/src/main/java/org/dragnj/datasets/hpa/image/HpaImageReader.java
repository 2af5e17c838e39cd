package org.dragnj.datasets.hpa.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * Finds and decodes the files of an image id: Kaggle per-channel files or one RGB / RGBA / grey file,
 * 8 or 16 bit. Anything unusable is an {@link IOException} whose message names the file and the
 * problem, so the cropper can record it and go on with the next image.
 */
public final class HpaImageReader {

    static final List<String> EXTENSIONS = List.of("png", "tif", "tiff", "jpg", "jpeg");
    static final String[] CHANNELS = {"red", "green", "blue", "yellow"};

    private final Path folder;
    private final ImageLayout layout;
    private final boolean needYellow;

    /** @param needYellow the ER channel is required (it is written into the crops) */
    public HpaImageReader(Path folder, ImageLayout layout, boolean needYellow) {
        this.folder = folder;
        this.layout = layout;
        this.needYellow = needYellow;
    }

    public HpaImage read(String id) throws IOException {
        return channelFiles(id) ? readChannels(id) : readSingle(id);
    }

    /** The files {@link #read} would decode that exist now (none when the image is missing). */
    public List<Path> locate(String id) {
        List<Path> files = new ArrayList<>();
        if (channelFiles(id)) {
            for (String channel : CHANNELS) {
                Path p = find(id + "_" + channel);
                if (p != null) {
                    files.add(p);
                }
            }
        } else {
            Path p = Files.isRegularFile(folder.resolve(id)) ? folder.resolve(id) : find(id);
            if (p != null) {
                files.add(p);
            }
        }
        return files;
    }

    private boolean channelFiles(String id) {
        return switch (layout) {
            case CHANNEL_FILES -> true;
            case SINGLE_FILE -> false;
            case AUTO -> find(id + "_blue") != null;
        };
    }

    private Path find(String stem) {
        for (String ext : EXTENSIONS) {
            Path p = folder.resolve(stem + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private HpaImage readChannels(String id) throws IOException {
        Mat[] planes = new Mat[4];
        List<String> sources = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                Path file = find(id + "_" + CHANNELS[c]);
                if (file == null) {
                    if (c == 3 && !needYellow) {
                        continue;
                    }
                    throw new NoSuchFileException(folder.resolve(id + "_" + CHANNELS[c]) + ".{" + String.join(",",
                            EXTENSIONS) + "}", null, "missing " + CHANNELS[c] + " channel of image '" + id + "'"
                            + (c == 3 ? " (the ER channel is needed for the RGBA_ER crop format)" : ""));
                }
                sources.add(file.toString());
                planes[c] = readPlane(file);
            }
            checkSizes(id, planes, sources);
            harmoniseDepth(planes);
            return new HpaImage(id, planes[0], planes[1], planes[2], planes[3], sources);
        } catch (IOException | RuntimeException e) {
            for (Mat m : planes) {
                if (m != null) {
                    m.close();
                }
            }
            throw e;
        }
    }

    private HpaImage readSingle(String id) throws IOException {
        Path file = Files.isRegularFile(folder.resolve(id)) ? folder.resolve(id) : find(id);
        if (file == null) {
            throw new NoSuchFileException(folder.resolve(id) + "[.png|.tif|...] or " + folder.resolve(id)
                    + "_blue.png ...", null, "no image file for image '" + id + "'");
        }
        Mat img = decode(file);
        try {
            int n = img.channels();
            if (n == 1) {
                if (needYellow) {
                    throw new IOException(file + ": a greyscale image has no ER channel, which the RGBA_ER crop"
                            + " format needs; use CropFormat.RGB");
                }
                Mat grey = img;
                img = null;
                return new HpaImage(id, grey, grey, grey, null, List.of(file.toString()));
            }
            if (n != 3 && n != 4) {
                throw new IOException(file + ": " + n + " channels; expected 1 (grey), 3 (RGB) or 4 (RGBA)");
            }
            if (n == 3 && needYellow) {
                throw new IOException(file + ": an RGB image has no ER channel, which the RGBA_ER crop format"
                        + " needs; use CropFormat.RGB");
            }
            try (MatVector parts = new MatVector()) {
                opencv_core.split(img, parts);
                // OpenCV decodes to B, G, R(, A) order.
                Mat blue = parts.get(0).clone();
                Mat green = parts.get(1).clone();
                Mat red = parts.get(2).clone();
                Mat yellow = n == 4 ? parts.get(3).clone() : null;
                return new HpaImage(id, red, green, blue, yellow, List.of(file.toString()));
            }
        } finally {
            if (img != null) {
                img.close();
            }
        }
    }

    /** One channel file as a single-channel plane; a colour-saved channel keeps its brightest component. */
    private static Mat readPlane(Path file) throws IOException {
        Mat img = decode(file);
        if (img.channels() == 1) {
            return img;
        }
        try (MatVector parts = new MatVector()) {
            opencv_core.split(img, parts);
            Mat out = parts.get(0).clone();
            for (int c = 1; c < Math.min(3, parts.size()); c++) {
                opencv_core.max(out, parts.get(c), out);
            }
            return out;
        } finally {
            img.close();
        }
    }

    private static Mat decode(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": not readable (check permissions)");
        }
        Mat img = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED);
        if (img == null || img.empty()) {
            if (img != null) {
                img.close();
            }
            throw new IOException(file + ": cannot be decoded as an image (corrupt, truncated or not an image)");
        }
        int depth = img.depth();
        if (depth != opencv_core.CV_8U && depth != opencv_core.CV_16U) {
            img.close();
            throw new IOException(file + ": pixel depth " + depthName(depth) + " is not supported; convert it to 8 or"
                    + " 16 bit unsigned");
        }
        return img;
    }

    private static void checkSizes(String id, Mat[] planes, List<String> sources) throws IOException {
        Mat ref = planes[2];
        for (int c = 0; c < 4; c++) {
            if (planes[c] != null && (planes[c].rows() != ref.rows() || planes[c].cols() != ref.cols())) {
                throw new IOException("image '" + id + "': channel " + CHANNELS[c] + " is " + planes[c].cols() + "x"
                        + planes[c].rows() + " but blue is " + ref.cols() + "x" + ref.rows() + " (files " + sources
                        + ")");
            }
        }
    }

    /** Mixed 8/16-bit channel files become all 16 bit (8-bit values × 257 map 255 to 65535). */
    private static void harmoniseDepth(Mat[] planes) {
        boolean any16 = false;
        for (Mat m : planes) {
            any16 |= m != null && m.depth() == opencv_core.CV_16U;
        }
        if (!any16) {
            return;
        }
        for (int c = 0; c < planes.length; c++) {
            if (planes[c] != null && planes[c].depth() == opencv_core.CV_8U) {
                Mat wide = new Mat();
                planes[c].convertTo(wide, opencv_core.CV_16U, 257, 0);
                planes[c].close();
                planes[c] = wide;
            }
        }
    }

    private static String depthName(int depth) {
        return switch (depth) {
            case opencv_core.CV_8S -> "8-bit signed";
            case opencv_core.CV_16S -> "16-bit signed";
            case opencv_core.CV_32S -> "32-bit integer";
            case opencv_core.CV_32F -> "32-bit float";
            case opencv_core.CV_64F -> "64-bit float";
            default -> "type " + depth;
        };
    }
}
