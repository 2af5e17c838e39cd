package org.dragnj.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/** Versions of the software a model or run was produced with. */
public final class Versions {

    private Versions() {
    }

    public static String dragnj() {
        return read("/org/dragnj/model/version.properties", "version");
    }

    public static String dl4j() {
        return read("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties", "version");
    }

    public static String java() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The ND4J backend and native build in use, e.g. "CPU linux-x86_64-onednn-avx2". */
    public static String backend() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        String arch = System.getProperty("os.arch", "").replace("amd64", "x86_64");
        return env.getProperty("backend", "unknown") + " " + System.getProperty("os.name", "").toLowerCase()
                + "-" + arch + extension;
    }

    private static String read(String resource, String key) {
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
