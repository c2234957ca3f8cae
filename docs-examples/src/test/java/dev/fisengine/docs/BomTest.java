package dev.fisengine.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code fis-bom} pins every published module of the reactor at the reactor's version, imports the AWS SDK BOM at the
 * version the build uses, has no parent (whose dependencyManagement would leak into users' builds), and the README's
 * dependency snippet imports it.
 */
class BomTest {
    private static final Path ROOT = Path.of("..");
    /** Reactor modules that are not published for users. */
    private static final Set<String> UNPUBLISHED = Set.of("fis-bom", "examples", "examples/spring-boot", "docs-examples",
            "architecture-tests", "benchmarks");

    @Test
    void theBomPinsEveryPublishedModuleAndTheTestedAwsSdk() throws Exception {
        Element root = read(ROOT.resolve("pom.xml"));
        String version = child(root, "version");
        List<String> published = new ArrayList<>();
        for (Element module : children(child(root, "modules", true), "module")) {
            if (!UNPUBLISHED.contains(module.getTextContent().trim())) {
                published.add(child(read(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml")),
                        "artifactId"));
            }
        }
        Element bom = read(ROOT.resolve("fis-bom/pom.xml"));
        assertThat(children(bom, "parent")).as("fis-bom has no parent").isEmpty();
        assertThat(child(bom, "version")).isEqualTo(version);
        Map<String, String> pinned = new LinkedHashMap<>();
        Element managed = child(child(bom, "dependencyManagement", true), "dependencies", true);
        for (Element d : children(managed, "dependency")) {
            pinned.put(child(d, "groupId") + ":" + child(d, "artifactId"), child(d, "version"));
        }
        for (String artifact : published) {
            assertThat(pinned).as("fis-bom pins %s", artifact).containsEntry("dev.fisengine:" + artifact, version);
        }
        assertThat(pinned).containsEntry("software.amazon.awssdk:bom", "${awssdk.version}");
        assertThat(child(child(bom, "properties", true), "awssdk.version"))
                .isEqualTo(child(child(root, "properties", true), "awssdk.version"));
    }

    @Test
    void theReadmeDependencySnippetImportsTheBom() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(flat(readme)).contains(flat("""
                    <dependency>
                      <groupId>dev.fisengine</groupId>
                      <artifactId>fis-bom</artifactId>
                      <version>0.1.0-SNAPSHOT</version>
                      <type>pom</type>
                      <scope>import</scope>
                    </dependency>"""));
    }

    /** The lines without their indentation. */
    private static String flat(String text) {
        return String.join("\n", text.lines().map(String::strip).toList());
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(pom.toFile());
        return d.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name, boolean element) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return found.get(0);
    }

    private static String child(Element parent, String name) {
        return child(parent, name, true).getTextContent().trim();
    }
}
