package org.dragnj.platform;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that prepares ND4J/DL4J for this machine, before ND4J loads its native library.
 *
 * <p>What it does, and why:
 * <ol>
 *   <li>Selects the nd4j-native build through JavaCPP's
 *       {@code org.bytedeco.javacpp.platform.extension}: {@code -onednn-avx2} on CPUs with AVX2
 *       and FMA, {@code -onednn} otherwise. The user setting {@value #SETTING} (system property,
 *       or environment variable {@value #ENV}) overrides it with {@code plain}, {@code onednn} or
 *       {@code onednn-avx2}; an extension already set by the user is left alone.</li>
 *   <li>Switches on DL4J's oneDNN layer helpers (convolution, batch norm, pooling, ...), which
 *       M2.1 disables by default through {@code org.eclipse.deeplearning4j.helpers.disable=true}
 *       and whose availability check fails on M2.1 (see {@link org.nd4j.nativeblas.Nd4jCpu}).</li>
 *   <li>Switches off JavaCPP's resident-memory check ({@value #JAVACPP_MAX_PHYSICAL_BYTES} = 0): with
 *       it on, every native allocation (ND4J makes one for the shape of every array it creates) reads
 *       the process's resident size from {@code /proc} while holding a lock every allocating thread
 *       shares; that was 16–20 % of a frozen-head training step, and more with the bag loader
 *       allocating at the same time. JavaCPP's own byte limit ({@code maxBytes}) still applies, and
 *       ND4J frees arrays outside workspaces when the garbage collector finds them, as before. A
 *       value set by the user is left alone.</li>
 * </ol>
 * Call {@link #configure()} first thing in a main method; tests get it from the JUnit session
 * listener this module registers, benchmarks from their state setup.
 */
public final class Backend {

    /** System property choosing the native build: auto (default), onednn-avx2, onednn, plain. */
    public static final String SETTING = "dragn.nd4j.build";
    /** Environment variable alternative to {@link #SETTING}. */
    public static final String ENV = "DRAGN_ND4J_BUILD";

    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String DL4J_HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    static final String JAVACPP_MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static Selection selection;

    private Backend() {
    }

    /** What was chosen, and from which setting. */
    public record Selection(NativeBuild build, String reason) {
    }

    /** Idempotent; returns the selection made by the first call. */
    public static synchronized Selection configure() {
        if (selection != null) {
            return selection;
        }
        String userExtension = System.getProperty(JAVACPP_EXTENSION);
        NativeBuild build;
        String reason;
        if (userExtension != null) {
            build = fromExtension(userExtension);
            reason = JAVACPP_EXTENSION + "=" + userExtension + " set by the user";
        } else {
            String setting = System.getProperty(SETTING, System.getenv(ENV));
            build = NativeBuild.parse(setting == null ? "auto" : setting, NativeBuild.cpuFlags());
            reason = setting == null || setting.equalsIgnoreCase("auto")
                    ? "auto: " + (build == NativeBuild.ONEDNN_AVX2 ? "CPU has AVX2 and FMA" : "CPU lacks AVX2/FMA")
                    : SETTING + "=" + setting;
            if (!build.extension().isEmpty()) {
                System.setProperty(JAVACPP_EXTENSION, build.extension());
            }
        }
        if (build.hasOneDnn() && System.getProperty(DL4J_HELPERS_DISABLE) == null) {
            System.setProperty(DL4J_HELPERS_DISABLE, "false");
        }
        if (System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES) == null
                && System.getProperty(JAVACPP_MAX_PHYSICAL_BYTES.toLowerCase(Locale.ROOT)) == null) {
            System.setProperty(JAVACPP_MAX_PHYSICAL_BYTES, "0");
        }
        selection = new Selection(build, reason);
        LOG.debug("nd4j-native build {} ({}); DL4J layer helpers {}", build.settingName(), reason,
                Boolean.parseBoolean(System.getProperty(DL4J_HELPERS_DISABLE, "true")) ? "off" : "on");
        return selection;
    }

    private static NativeBuild fromExtension(String extension) {
        for (NativeBuild b : NativeBuild.values()) {
            if (b.extension().equals(extension)) {
                return b;
            }
        }
        throw new IllegalArgumentException(JAVACPP_EXTENSION + "=" + extension
                + " is not a build DRAGN-J ships; use -onednn-avx2, -onednn or leave it unset");
    }
}
