package dev.fisengine.engine.source;

import java.util.List;

/**
 * A source file as read by {@link TemplateSources}.
 *
 * @param file the file as given
 * @param format the detected format
 * @param templates the experiment templates it declares, in document order
 * @param findings problems of the file itself (syntax, no template in a CloudFormation or Terraform file)
 */
public record SourceDocument(String file, SourceFormat format, List<SourceTemplate> templates,
        List<SourceFinding> findings) {
    public SourceDocument {
        templates = List.copyOf(templates);
        findings = List.copyOf(findings);
    }

    /** Whether the file has an error of its own (it could not be read, or declares no template). */
    public boolean failed() {
        return findings.stream().anyMatch(f -> f.level() == SourceFinding.Level.ERROR);
    }

    /** The one template, or the one named (logical id or Terraform address, or its last part). */
    public SourceTemplate template(String name) {
        if (name == null) {
            if (templates.size() != 1) {
                throw new IllegalArgumentException(file + " declares " + templates.size() + " experiment templates"
                        + (templates.isEmpty() ? "" : " (" + names() + "); name one"));
            }
            return templates.get(0);
        }
        for (SourceTemplate t : templates) {
            String n = t.name();
            if (n != null && (n.equals(name) || n.endsWith("." + name))) {
                return t;
            }
        }
        throw new IllegalArgumentException(file + " declares no experiment template named " + name
                + (templates.isEmpty() ? "" : "; it has " + names()));
    }

    private String names() {
        return String.join(", ", templates.stream().map(t -> String.valueOf(t.name())).toList());
    }
}
