package org.dragnj.bags.manifest;

import java.util.Locale;

/** Which part of an experiment a bag belongs to. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The name written in manifests: train, val, test. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses train, val or test (case-insensitive); null when it is none of them. */
    public static Split parse(String s) {
        for (Split split : values()) {
            if (split.id().equalsIgnoreCase(s.trim())) {
                return split;
            }
        }
        return null;
    }
}
