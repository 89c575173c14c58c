package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A greeting's first name drops the punctuation around the first word of the name. */
class FirstNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Zoë, \"Quote\"|Zoë",
        "\"Ann\" Lee|Ann",
        "Jean-Luc Picard|Jean-Luc",
        "O'Brien|O'Brien",
        "王芳|王芳",
        "Dr. Smith|Dr",
        "'  '|''"})
    void firstWordWithoutPunctuation(String name, String expected) {
        assertEquals(expected, MessageComposer.firstName(name));
    }
}
