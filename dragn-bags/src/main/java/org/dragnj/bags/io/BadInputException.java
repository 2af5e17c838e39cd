package org.dragnj.bags.io;

import java.io.IOException;

/**
 * The input data is wrong (a manifest, a grouping file, a table, an image): a person has to fix a
 * file, and the message says which and how. Command lines exit with their bad-input code for it.
 */
public class BadInputException extends IOException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
