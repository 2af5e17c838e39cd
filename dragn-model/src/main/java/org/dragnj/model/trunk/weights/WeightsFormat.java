package org.dragnj.model.trunk.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/** The weight-file formats this project reads, recognised by content. */
public enum WeightsFormat {
    /** A DL4J model zip (configuration.json + coefficients.bin), copied by layer name. */
    DL4J_MODEL,
    /** PyTorch's {@code torch.save} zip (PyTorch ≥ 1.6): {@code <name>/data.pkl} and {@code <name>/data/<key>}. */
    TORCH,
    /** safetensors: 8-byte little-endian header length, JSON header, raw tensors. */
    SAFETENSORS;

    /** The first bytes of PyTorch's legacy (pre-1.6) format: a pickle of a magic number. */
    private static final byte[] LEGACY_TORCH = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
        0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    /**
     * Recognises a file's format.
     *
     * @throws TrunkWeightsUnavailableException when the file is missing, unreadable or of no known format
     */
    public static WeightsFormat of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TrunkWeightsUnavailableException("weights file " + file.toAbsolutePath()
                    + " does not exist or is not a file." + whereToGet(file) + " Name an existing file with"
                    + " --pretrained FILE (config key model.pretrained), or train from random weights with"
                    + " --pretrained none.");
        }
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new TrunkWeightsUnavailableException("cannot read weights file " + file.toAbsolutePath() + ": " + e, e);
        }
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return zipFormat(file);
        }
        if (read >= LEGACY_TORCH.length && java.util.Arrays.equals(head, 0, LEGACY_TORCH.length, LEGACY_TORCH, 0,
                LEGACY_TORCH.length)) {
            throw new TrunkWeightsUnavailableException(file.toAbsolutePath() + " is in PyTorch's legacy (pre-1.6)"
                    + " format, which is not read here. Re-save it in the zip format with PyTorch ≥ 1.6:"
                    + " torch.save(torch.load(\"" + file.getFileName() + "\"), \"resaved.pth\")");
        }
        if (read >= 9 && head[8] == '{') {
            long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength > 1 && headerLength + 8 <= sizeOf(file)) {
                return SAFETENSORS;
            }
        }
        throw new TrunkWeightsUnavailableException(file.toAbsolutePath() + " is neither a PyTorch state dict (.pth,"
                + " zip format), a safetensors file nor a DL4J model file");
    }

    /** torchvision names its ImageNet files {@code <arch>-<first 8 hex digits of the SHA-256>.pth}. */
    private static final java.util.regex.Pattern TORCHVISION_FILE =
            java.util.regex.Pattern.compile("(resnet|wide_resnet|resnext)[0-9a-z_]*-[0-9a-f]{8}\\.pth");

    private static String whereToGet(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return TORCHVISION_FILE.matcher(name).matches()
                ? " It is torchvision's ImageNet file: on a machine with internet, download"
                        + " https://download.pytorch.org/models/" + name + " and copy it to that path."
                : "";
    }

    private static WeightsFormat zipFormat(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.stream().anyMatch(e -> e.getName().endsWith("data.pkl"))) {
                return TORCH;
            }
            if (zip.getEntry("configuration.json") != null) {
                return DL4J_MODEL;
            }
        } catch (IOException e) {
            throw new TrunkWeightsUnavailableException(file.toAbsolutePath() + " starts like a zip file but cannot"
                    + " be read as one (truncated download?): " + e.getMessage(), e);
        }
        throw new TrunkWeightsUnavailableException(file.toAbsolutePath() + " is a zip file holding neither a PyTorch"
                + " state dict (data.pkl) nor a DL4J model (configuration.json)");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
