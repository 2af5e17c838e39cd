package org.dragnj.model.trunk.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes float32 safetensors files, for tests that need full-size weights the repository does not carry. */
final class SafetensorsWriter {

    private SafetensorsWriter() {
    }

    static void write(Map<String, INDArray> tensors, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            long bytes = e.getValue().length() * 4;
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", "F32");
            info.putPOJO("shape", e.getValue().shape());
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] text = json.writeValueAsBytes(header);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(text.length).array());
            out.write(text);
            for (INDArray t : tensors.values()) {
                float[] values = t.castTo(DataType.FLOAT).dup('c').data().asFloat();
                ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                raw.asFloatBuffer().put(values);
                out.write(raw.array());
            }
        }
    }
}
