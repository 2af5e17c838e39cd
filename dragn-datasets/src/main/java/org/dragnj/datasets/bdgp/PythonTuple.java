package org.dragnj.datasets.bdgp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python tuple-of-strings literals the BDGP tables store in a cell, e.g.
 * {@code ('45376_s.bmp',)}, {@code ('a.bmp', 'b.bmp')} or
 * {@code ('embryonic head epidermis', "embryonic Bolwig's organ")}.
 *
 * <p>The tables were written by Python's {@code repr}, which switches to double quotes when a
 * string holds a single quote, so both quote styles and backslash escapes occur. Accepted: a
 * tuple {@code (...)} or list {@code [...]} of string literals, separated by commas, an optional
 * trailing comma, any whitespace, the prefixes {@code u}/{@code r}, and the escapes
 * {@code \\ \' \" \n \r \t \xHH \\uXXXX \UXXXXXXXX} (an unknown escape is kept as written, as
 * Python does). {@code ('a')} — a parenthesised string, which Python evaluates to a plain string —
 * is read as the one-element tuple it was clearly meant to be. Anything else is an error that
 * names the position, never a silent guess.
 */
public final class PythonTuple {

    private final String text;
    private int pos;

    private PythonTuple(String text) {
        this.text = text;
    }

    /**
     * The strings of the literal, in order (duplicates kept).
     *
     * @throws IllegalArgumentException naming the character position and what was expected
     */
    public static List<String> parse(String literal) {
        if (literal == null) {
            throw new IllegalArgumentException("expected a Python tuple of strings, got nothing");
        }
        return new PythonTuple(literal).tuple();
    }

    private List<String> tuple() {
        skipSpace();
        char close;
        if (peek() == '(') {
            close = ')';
        } else if (peek() == '[') {
            close = ']';
        } else {
            throw error("expected '(' or '['");
        }
        pos++;
        List<String> out = new ArrayList<>();
        skipSpace();
        while (peek() != close) {
            out.add(string());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != close) {
                throw error("expected ',' or '" + close + "' after a string");
            }
        }
        pos++;
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected text after the closing '" + close + "'");
        }
        return out;
    }

    private String string() {
        int at = pos;
        boolean raw = false;
        while (pos < text.length() && "uUrRbB".indexOf(text.charAt(pos)) >= 0) {
            raw |= Character.toLowerCase(text.charAt(pos)) == 'r';
            pos++;
        }
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            pos = at; // a bare word is not a prefix: point at its start
            throw error("expected a quoted string");
        }
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
            } else if (pos >= text.length()) {
                pos = start;
                throw error("string is not closed");
            } else if (raw) {
                // A raw string keeps the backslash, but a backslash still stops the quote from closing it.
                sb.append(c).append(text.charAt(pos++));
            } else {
                escape(sb);
            }
        }
    }

    private void escape(StringBuilder sb) {
        char e = text.charAt(pos++);
        switch (e) {
            case '\\', '\'', '"' -> sb.append(e);
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'x' -> sb.appendCodePoint(hex(2));
            case 'u' -> sb.appendCodePoint(hex(4));
            case 'U' -> sb.appendCodePoint(hex(8));
            default -> sb.append('\\').append(e);
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("truncated \\x/\\u escape");
        }
        try {
            int cp = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            if (!Character.isValidCodePoint(cp)) {
                throw error("escape is not a valid code point");
            }
            return cp;
        } catch (NumberFormatException ex) {
            throw error("bad hexadecimal escape");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1) + " of " + abbreviate(text));
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
