package org.dragnj.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The nd4j-native builds DRAGN-J ships, as JavaCPP platform extensions. */
public enum NativeBuild {
    /** oneDNN (DNNL) kernels, compiled for AVX2 + FMA: the fast default on x86-64 CPUs since 2013–2015. */
    ONEDNN_AVX2("-onednn-avx2", "onednn-avx2"),
    /** oneDNN kernels for any x86-64 CPU. */
    ONEDNN("-onednn", "onednn"),
    /** The stock build: im2col + OpenBLAS, no oneDNN. */
    PLAIN("", "plain");

    private final String extension;
    private final String settingName;

    NativeBuild(String extension, String settingName) {
        this.extension = extension;
        this.settingName = settingName;
    }

    /** The value of {@code org.bytedeco.javacpp.platform.extension} that selects this build. */
    public String extension() {
        return extension;
    }

    /** The name used in the {@value Backend#SETTING} setting. */
    public String settingName() {
        return settingName;
    }

    public boolean hasOneDnn() {
        return this != PLAIN;
    }

    /** Parses a setting value: auto, onednn-avx2, onednn or plain. */
    static NativeBuild parse(String value, Set<String> cpuFlags) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return forCpu(cpuFlags);
        }
        for (NativeBuild b : values()) {
            if (b.settingName.equals(v)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown nd4j native build '" + value + "' in " + Backend.SETTING
                + "; use auto, onednn-avx2, onednn or plain");
    }

    /** The fastest build this CPU can run. */
    static NativeBuild forCpu(Set<String> cpuFlags) {
        return cpuFlags.contains("avx2") && cpuFlags.contains("fma") ? ONEDNN_AVX2 : ONEDNN;
    }

    /** CPU feature flags of this machine (Linux /proc/cpuinfo), empty when unknown. */
    static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Set.of();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> Stream.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }
}
