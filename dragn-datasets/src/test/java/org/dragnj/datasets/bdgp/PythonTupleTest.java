package org.dragnj.datasets.bdgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PythonTupleTest {

    @Test
    void readsTheShapesTheTablesUse() {
        assertThat(PythonTuple.parse("('45376_s.bmp',)")).containsExactly("45376_s.bmp");
        assertThat(PythonTuple.parse("('a.bmp', 'b.bmp')")).containsExactly("a.bmp", "b.bmp");
        assertThat(PythonTuple.parse("('embryonic head epidermis', \"embryonic Bolwig's organ\", 'x')"))
                .containsExactly("embryonic head epidermis", "embryonic Bolwig's organ", "x");
        assertThat(PythonTuple.parse("()")).isEmpty();
        assertThat(PythonTuple.parse("  ( 'a' ,\n 'b' , )  ")).containsExactly("a", "b");
        assertThat(PythonTuple.parse("['a', 'b']")).containsExactly("a", "b");
    }

    @Test
    void keepsCommasParenthesesAndQuotesInsideStrings() {
        assertThat(PythonTuple.parse("('a, b', '(c)', \"d's\", 'e\"f')")).containsExactly("a, b", "(c)", "d's", "e\"f");
    }

    @Test
    void decodesEscapesLikePython() {
        assertThat(PythonTuple.parse("('it\\'s', \"say \\\"hi\\\"\", 'back\\\\slash', 'tab\\there', '\\x41\\u00e9', '\\d')"))
                .containsExactly("it's", "say \"hi\"", "back\\slash", "tab\there", "A\u00e9", "\\d");
        assertThat(PythonTuple.parse("(r'a\\b', u'c')")).containsExactly("a\\b", "c");
    }

    @Test
    void readsAParenthesisedStringAsOneElement() {
        assertThat(PythonTuple.parse("('maternal')")).containsExactly("maternal");
    }

    @Test
    void namesWhereAMalformedLiteralGoesWrong() {
        assertThatThrownBy(() -> PythonTuple.parse("'a.bmp'")).hasMessageContaining("expected '(' or '['")
                .hasMessageContaining("character 1");
        assertThatThrownBy(() -> PythonTuple.parse("('a' 'b')")).hasMessageContaining("expected ',' or ')'");
        assertThatThrownBy(() -> PythonTuple.parse("('a', b)")).hasMessageContaining("expected a quoted string")
                .hasMessageContaining("character 7");
        assertThatThrownBy(() -> PythonTuple.parse("('a)")).hasMessageContaining("string is not closed");
        assertThatThrownBy(() -> PythonTuple.parse("('a',) x")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> PythonTuple.parse("('a'")).hasMessageContaining("expected ',' or ')'");
    }
}
