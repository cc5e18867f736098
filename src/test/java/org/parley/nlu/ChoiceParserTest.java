package org.parley.nlu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChoiceParserTest {

    private static final ChoiceParser PARSER = new ChoiceParser();

    @ParameterizedTest(name = "[{0}] \"{1}\" of {2} options is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 2                       | 3 | 2
            en | #2                      | 3 | 2
            en | option 2                | 3 | 2
            en | 2nd                     | 3 | 2
            en | the second one          | 3 | 2
            en | Second                  | 3 | 2
            en | two                     | 3 | 2
            en | the first one please    | 3 | 1
            en | 4                       | 3 | -
            en | fourth                  | 3 | -
            en | 1 or 2                  | 3 | -
            en | 0                       | 3 | -
            en | yes                     | 3 | -
            en | seconds                 | 3 | -
            es | 2                       | 3 | 2
            es | segunda                 | 3 | 2
            es | la segunda opción       | 3 | 2
            es | el primero              | 3 | 1
            es | dos                     | 3 | 2
            es | opción 3                | 3 | 3
            zh | 第二个                   | 3 | 2
            zh | 第三                     | 3 | 3
            zh | 2                       | 3 | 2
            zh | 第五个                   | 3 | -
            vi | thứ hai                 | 3 | 2
            vi | cái thứ ba              | 3 | 3
            vi | số 2                    | 3 | 2
            tl | ikalawa                 | 3 | 2
            tl | pangatlo                | 3 | 3
            tl | dalawa                  | 3 | 2
            tl | 2                       | 3 | 2
            ko | 두 번째                   | 3 | 2
            ko | 세 번째                   | 3 | 3
            ko | 2번                      | 3 | 2
            ru | второй                  | 3 | 2
            ru | второй вариант          | 3 | 2
            ru | третий                  | 3 | 3
            ru | пятый                   | 3 | -
            ar | الثاني                  | 3 | 2
            ar | الثالث                  | 3 | 3
            ar | ٢                       | 3 | 2
            """)
    void readsThePickByNumberOrWording(String language, String text, int options, String expected) {
        var choice = PARSER.choose(text, language, options);

        assertEquals(expected, choice.isPresent() ? Integer.toString(choice.getAsInt()) : "-");
    }
}
