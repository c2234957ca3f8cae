package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.validation.TemplateValidator;
import dev.fisengine.engine.validation.ValidationCode;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.validation.ValidationResult;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing over the corpus: at least 10,000 mutants (deleted keys, swapped types, random strings, huge
 * numbers, renamed and added members, startAfter rewiring, and byte-level damage to the text). Every mutant must give
 * findings or a valid result, nothing else: no exception, no {@code internal} finding, only documented codes, well
 * formed pointers, and each validation under 50 ms.
 */
class ValidatorFuzzTest {
    /** Fixed by default; {@code -Dfuzz.seed=N -Dfuzz.mutants=N} run a different or longer campaign. */
    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_F15L);
    private static final int MUTANTS = Math.max(10_000, Integer.getInteger("fuzz.mutants", 12_000));
    private static final long BUDGET_NANOS = 50_000_000L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CODES = Arrays.stream(ValidationCode.values()).map(ValidationCode::code)
            .collect(Collectors.toSet());
    private static final String[] INTERESTING = {
        "", " ", "\t\n", "ALL", "COUNT(0)", "COUNT(1)", "COUNT(99999999999999999999)", "PERCENT(101)", "PERCENT(50)",
        "PT5S", "PT1M", "PT-1M", "P1W", "PT99999999999999999999H", "PT12H", "P1D", "PT0S", "NaN", "Infinity", "-0",
        "1e999", "0x10", "true", "True", "none", "aws:cloudwatch:alarm", "aws:fis:wait", "aws:ec2:stop-instances",
        "aws:fis:inject-api-throttle-error", "aws:iam:role", "aws:eks:pod", "arn:", "arn:aws:iam::<ACCOUNT_ID>:role/x",
        "arn:aws:iam::${AWS::AccountId}:role/x", "{{ x }}", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:a",
        "arn:aws:iam::111122223333:role/fis", "<YOUR VALUE>", "{\"a\":", "[]", "{}", "\u0000", "\uD800", "é🙂",
        "a,b,,c", "ec2", "dynamodb", "single-account", "skip", "Instances", "Roles", "~/", "/~1", "\\u0000"
    };

    /** The mutation kinds; each mutant applies one to three of them. */
    enum Kind { DELETE_KEY, SWAP_TYPE, RANDOM_STRING, HUGE_NUMBER, RENAME_KEY, ADD_MEMBER, REWIRE_START_AFTER, TEXT }

    private final Random random = new Random(SEED);

    @Test
    void tenThousandMutantsGiveFindingsOrValidAndNothingElse() throws IOException {
        List<JsonNode> corpus = new ArrayList<>();
        for (Path p : Corpus.templates()) {
            corpus.add(MAPPER.readTree(Files.readString(p)));
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        TemplateValidator embedded = TemplateValidator.create(Plugins.discovered(), ValidationMode.EMBEDDED);
        TemplateValidator strict = TemplateValidator.create(Plugins.discovered(), ValidationMode.STRICT_AWS);
        for (JsonNode t : corpus) { // warm up the JIT so the per-mutant budget measures the validator
            for (int i = 0; i < 20; i++) {
                embedded.validateJson(t.toString());
                strict.validateJson(t.toString());
            }
        }
        Map<Kind, Integer> applied = new EnumMap<>(Kind.class);
        int invalid = 0;
        long slowest = 0;
        for (int i = 0; i < MUTANTS; i++) {
            JsonNode tree = corpus.get(random.nextInt(corpus.size())).deepCopy();
            String text = null;
            int count = 1 + random.nextInt(3);
            for (int m = 0; m < count; m++) {
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                applied.merge(kind, 1, Integer::sum);
                if (kind == Kind.TEXT) {
                    text = damage(text == null ? tree.toString() : text);
                } else if (text == null) {
                    tree = mutate(tree, kind);
                }
            }
            String json = text == null ? tree.toString() : text;
            TemplateValidator validator = (i % 4 == 0) ? strict : embedded;
            long nanos = timed(validator, json, i);
            slowest = Math.max(slowest, nanos);
            ValidationResult r = validator.validateJson(json);
            check(r, json, i);
            if (!r.valid()) {
                invalid++;
            }
        }
        assertThat(applied.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(MUTANTS);
        assertThat(applied.keySet()).containsExactlyInAnyOrder(Kind.values());
        assertThat(invalid).as("most mutants are invalid").isGreaterThan(MUTANTS / 2);
        assertThat(slowest).as("slowest validation, ns").isLessThan(BUDGET_NANOS);
    }

    /**
     * The time to validate one mutant: the best of up to three runs, so that a GC pause or a busy machine is not
     * mistaken for a slow input (a pathological input is slow every time).
     */
    private static long timed(TemplateValidator validator, String json, int index) {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && best >= BUDGET_NANOS; attempt++) {
            long t0 = System.nanoTime();
            validator.validateJson(json);
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(best).as("mutant %d took %d µs: %s", index, best / 1000, abbreviate(json)).isLessThan(BUDGET_NANOS);
        return best;
    }

    private static void check(ValidationResult r, String json, int index) {
        assertThat(r).isNotNull();
        for (Finding f : r.findings()) {
            assertThat(f.code()).as("mutant %d: %s in %s", index, f, abbreviate(json))
                    .isNotEqualTo(ValidationCode.INTERNAL.code()).isIn(CODES);
            assertThat(isPointer(f.path())).as("pointer of %s", f).isTrue();
            assertThat(f.message()).isNotBlank();
        }
        assertThat(r.valid()).isEqualTo(r.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR));
    }

    /** RFC 6901: empty, or "/"-separated tokens where "~" is always followed by 0 or 1. */
    private static boolean isPointer(String p) {
        if (!p.isEmpty() && p.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '~' && (i + 1 == p.length() || (p.charAt(i + 1) != '0' && p.charAt(i + 1) != '1'))) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    // ------------------------------------------------------------------ tree mutations

    private JsonNode mutate(JsonNode root, Kind kind) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return root; // the root itself was swapped for a scalar
        }
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        switch (kind) {
            case DELETE_KEY -> {
                if (parent instanceof ObjectNode o && o.size() > 0) {
                    o.remove(field(o));
                } else if (parent instanceof ArrayNode a && a.size() > 0) {
                    a.remove(random.nextInt(a.size()));
                }
            }
            case SWAP_TYPE -> {
                JsonNode replacement = randomValue(1);
                if (parent == root && random.nextInt(50) == 0) {
                    return replacement;
                }
                replace(parent, replacement);
            }
            case RANDOM_STRING -> replace(parent, NODES.textNode(randomString()));
            case HUGE_NUMBER -> replace(parent, hugeNumber());
            case RENAME_KEY -> {
                if (parent instanceof ObjectNode o && o.size() > 0) {
                    String from = field(o);
                    JsonNode v = o.remove(from);
                    o.set(typo(from), v);
                }
            }
            case ADD_MEMBER -> {
                if (parent instanceof ObjectNode o) {
                    o.set(random.nextBoolean() ? randomString() : typo(pick(INTERESTING)), randomValue(2));
                } else if (parent instanceof ArrayNode a) {
                    a.add(randomValue(2));
                }
            }
            case REWIRE_START_AFTER -> rewire(root);
            default -> throw new IllegalStateException(kind.toString());
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                collect(child, out);
            }
        }
    }

    private String field(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names.get(random.nextInt(names.size()));
    }

    private void replace(JsonNode parent, JsonNode value) {
        if (parent instanceof ObjectNode o && o.size() > 0) {
            o.set(field(o), value);
        } else if (parent instanceof ArrayNode a && a.size() > 0) {
            a.set(random.nextInt(a.size()), value);
        }
    }

    private void rewire(JsonNode root) {
        JsonNode actions = root.get("actions");
        if (!(actions instanceof ObjectNode o) || o.size() == 0) {
            return;
        }
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        JsonNode action = o.get(names.get(random.nextInt(names.size())));
        if (action instanceof ObjectNode a) {
            ArrayNode after = NODES.arrayNode();
            for (int i = random.nextInt(3); i >= 0; i--) {
                after.add(random.nextInt(5) == 0 ? randomString() : names.get(random.nextInt(names.size())));
            }
            a.set("startAfter", after);
        }
    }

    private JsonNode randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> NODES.textNode(randomString());
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> hugeNumber();
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.textNode(pick(INTERESTING));
            case 6 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    o.set(pick(INTERESTING), randomValue(depth - 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(depth - 1));
                }
                yield a;
            }
        };
    }

    private JsonNode hugeNumber() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(Double.MAX_VALUE);
            case 1 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(90))));
            case 2 -> NODES.numberNode(Long.MIN_VALUE);
            case 3 -> NODES.numberNode(-random.nextDouble() * 1e300);
            default -> NODES.textNode("9".repeat(1 + random.nextInt(2000)));
        };
    }

    private String randomString() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(INTERESTING);
            case 1 -> pick(INTERESTING) + pick(INTERESTING);
            case 2 -> "x".repeat(random.nextInt(3000));
            case 3 -> {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    sb.append((char) random.nextInt(0x3000));
                }
                yield sb.toString();
            }
            case 4 -> "PT" + random.nextInt(100000) + "SMHD".charAt(random.nextInt(4));
            default -> "arn:aws:" + pick(INTERESTING) + ":" + random.nextInt(1000) + ":" + pick(INTERESTING);
        };
    }

    private String typo(String s) {
        if (s.isEmpty()) {
            return "x";
        }
        StringBuilder sb = new StringBuilder(s);
        int i = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
            case 0 -> sb.deleteCharAt(i);
            case 1 -> sb.insert(i, (char) ('a' + random.nextInt(26)));
            default -> sb.setCharAt(i, Character.isUpperCase(sb.charAt(i)) ? Character.toLowerCase(sb.charAt(i))
                    : Character.toUpperCase(sb.charAt(i)));
        }
        return sb.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    // ------------------------------------------------------------------ text mutations

    private String damage(String text) {
        if (text.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + "{[\",:}]\\".charAt(random.nextInt(8)) + text.substring(at);
            case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
            case 3 -> text.substring(0, at) + "[".repeat(random.nextInt(200)) + text.substring(at);
            case 4 -> text + text.substring(at);
            default -> text.substring(0, at) + "\u0000\uFFFF" + text.substring(at);
        };
    }
}
