package dev.fisengine.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.validation.Finding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonReadingTest extends RuleAssertions {

    @Test
    void theValidTemplateIsClean() {
        ValidationResult r = EMBEDDED.validateJson(Templates.VALID);
        assertClean(r);
        assertThat(r.template().actions()).containsOnlyKeys("Stop", "Wait");
        assertClean(STRICT.validateJson(Templates.VALID));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ValidationResult r = EMBEDDED.validateJson("{\n  \"description\": \"x\",\n  \"actions\": {,}\n}");
        assertOnly(r, ValidationCode.JSON_MALFORMED, "", "line 3, column 15");
        assertThat(r.template()).isNull();
    }

    @Test
    void unclosedObjectIsMalformed() {
        assertOnly(EMBEDDED.validateJson("{\"description\": \"x\""), ValidationCode.JSON_MALFORMED, "",
                "Malformed JSON at line 1");
    }

    @Test
    void emptyInputIsMalformed() {
        assertOnly(EMBEDDED.validateJson("   "), ValidationCode.JSON_MALFORMED, "", "empty");
    }

    @Test
    void trailingContentIsMalformed() {
        assertOnly(EMBEDDED.validateJson(Templates.VALID + " {}"), ValidationCode.JSON_MALFORMED, "",
                "after the end of the document");
    }

    @Test
    void commentsAndSingleQuotesAreNotJson() {
        assertOnly(EMBEDDED.validateJson("{'description': 'x'}"), ValidationCode.JSON_MALFORMED, "");
        assertOnly(EMBEDDED.validateJson("{/* c */}"), ValidationCode.JSON_MALFORMED, "");
    }

    @Test
    void aTenMegabyteStringIsRefusedWithOneFinding() {
        String big = "{\"description\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        assertOnly(EMBEDDED.validateJson(big), ValidationCode.JSON_TOO_LARGE, "", "1 MiB");
    }

    @Test
    void aTenMegabyteStreamIsRefusedAfterReadingOnlyTheLimit() {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int n = (int) Math.min(len, 10L * 1024 * 1024 - served.get());
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                served.addAndGet(n);
                return n;
            }
        };
        assertOnly(EMBEDDED.validateJson(endless), ValidationCode.JSON_TOO_LARGE, "");
        assertThat(served.get()).isLessThanOrEqualTo(TemplateValidator.MAX_INPUT_BYTES + 1L);
    }

    @Test
    void tenThousandDeepNestingIsRefusedQuickly() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        long t0 = System.nanoTime();
        assertOnly(EMBEDDED.validateJson(deep), ValidationCode.JSON_TOO_DEEP, "", "deeper than 64");
        String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertOnly(EMBEDDED.validateJson(deepObject), ValidationCode.JSON_TOO_DEEP, "", "line 1, column");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        String inner = "[".repeat(60) + "]".repeat(60);
        ValidationResult r = EMBEDDED.validateJson(Templates.valid().set("/tags", inner).json());
        assertNoFinding(r, ValidationCode.JSON_TOO_DEEP);
        assertFinding(r, ValidationCode.TEMPLATE_WRONG_TYPE, "/tags", "expected an object");
    }

    @Test
    void aHugeNumberLiteralIsALimitNotACrash() {
        String json = Templates.valid().json().replace("\"tags\"", "\"n\": " + "9".repeat(5000) + ", \"tags\"");
        assertOnly(EMBEDDED.validateJson(json), ValidationCode.JSON_LIMIT_EXCEEDED, "", "line 1");
    }

    @Test
    void duplicateMembersAreFindings() {
        String json = "{\"description\": \"a\", \"description\": \"b\", \"roleArn\": "
                + "\"arn:aws:iam::111122223333:role/r\", \"stopConditions\": [{\"source\": \"none\"}], "
                + "\"actions\": {\"W\": {\"actionId\": \"aws:fis:wait\", \"parameters\": {\"duration\": \"PT1M\"}}}}";
        ValidationResult r = EMBEDDED.validateJson(json);
        assertOnly(r, ValidationCode.JSON_DUPLICATE_MEMBER, "/description", "\"description\"");
        assertThat(r.template().description()).isEqualTo("b");
    }

    @Test
    void theRootMustBeAnObject() {
        assertOnly(EMBEDDED.validateJson("[1, 2]"), ValidationCode.JSON_NOT_OBJECT, "", "an array");
        assertOnly(EMBEDDED.validateJson("\"text\""), ValidationCode.JSON_NOT_OBJECT, "", "the string \"text\"");
    }

    @Test
    void bytesInUtf16AndWithAByteOrderMarkAreRead() {
        byte[] utf16 = Templates.VALID.getBytes(StandardCharsets.UTF_16BE);
        assertThat(EMBEDDED.validateJson(new ByteArrayInputStream(utf16)).valid()).isTrue();
        byte[] body = Templates.VALID.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        assertThat(EMBEDDED.validateJson(new ByteArrayInputStream(bom)).valid()).isTrue();
    }

    @Test
    void invalidUtf8IsMalformedNotAnException() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ValidationResult r = EMBEDDED.validateJson(new ByteArrayInputStream(bad));
        assertThat(r.findings()).extracting(Finding::code).containsExactly(ValidationCode.JSON_MALFORMED.code());
    }

    @Test
    void controlCharactersInValuesAreEscapedInMessages() {
        ValidationResult r = validate(Templates.valid().str("/actions/Wait/parameters/duration", "P\u0001T"));
        Finding f = assertOnly(r, ValidationCode.PARAMETER_NOT_A_DURATION, "/actions/Wait/parameters/duration");
        assertThat(f.message()).contains("\"P\\u0001T\"");
    }
}
