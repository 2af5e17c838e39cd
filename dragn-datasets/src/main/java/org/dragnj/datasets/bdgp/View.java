package org.dragnj.datasets.bdgp;

import java.util.Locale;

/** The direction an embryo is photographed from, as the {@code direction} column of standard_images.csv names it. */
public enum View {
    LATERAL, DORSAL, VENTRAL;

    /** The name used in the BDGP tables: lateral, dorsal, ventral. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The view named {@code s} (case-insensitive, trimmed); null when it is none of them. */
    public static View parse(String s) {
        for (View v : values()) {
            if (v.id().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        return null;
    }
}
