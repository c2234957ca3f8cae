package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every code the validator can emit is documented in docs/validation-rules.md, with its severity, and vice versa. */
class ValidationCodesDocumentedTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| (ERROR|WARNING) \\|", Pattern.MULTILINE);

    private static String doc() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/validation-rules.md"))) {
            p = p.getParent();
        }
        assertThat(p).as("docs/validation-rules.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return Files.readString(p.resolve("docs/validation-rules.md"));
    }

    @Test
    void everyCodeHasARowWithItsSeverity() throws IOException {
        Matcher m = ROW.matcher(doc());
        Set<String> documented = new HashSet<>();
        while (m.find()) {
            String code = m.group(1);
            assertThat(documented.add(code)).as("documented once: " + code).isTrue();
            ValidationCode vc = Arrays.stream(ValidationCode.values()).filter(c -> c.code().equals(code)).findFirst()
                    .orElse(null);
            assertThat(vc).as("documented code exists: " + code).isNotNull();
            assertThat(vc.severity().name()).as("severity of " + code).isEqualTo(m.group(2));
        }
        List<String> codes = Arrays.stream(ValidationCode.values()).map(ValidationCode::code).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void codesAreUniqueAndStableLooking() {
        List<String> codes = Arrays.stream(ValidationCode.values()).map(ValidationCode::code).toList();
        assertThat(new HashSet<>(codes)).hasSameSizeAs(codes);
        assertThat(codes).allMatch(c -> c.matches("[a-z0-9]+([.-][a-z0-9]+)*"));
    }
}
