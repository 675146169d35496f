package io.trailsentry.finding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON writer of findings. Findings carry attacker-controlled text (names, user agents, request
 * values); besides JSON's own escaping, {@code < > &} and the JavaScript line separators are
 * written as a {@code \\u} escape (four hex digits), so a finding pasted into HTML or a script
 * block cannot close a tag.
 */
final class SafeJson {
    static final ObjectMapper MAPPER = mapper();

    private SafeJson() {}

    private static ObjectMapper mapper() {
        JsonFactory factory = new JsonFactory();
        factory.setCharacterEscapes(new HtmlSafe());
        return new ObjectMapper(factory);
    }

    private static final class HtmlSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafe() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
