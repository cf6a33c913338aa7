package dev.datafactory.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The repository the checks look at: its root comes from Surefire ({@code repo.root}). */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        String configured = System.getProperty("repo.root");
        if (configured == null) {
            throw new IllegalStateException("system property repo.root is not set: run these tests through Maven"
                    + " (mvn -pl packaging -am verify), whose Surefire configuration sets it");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " under " + root(), e);
        }
    }

    /** A property of the root pom, e.g. {@code playwright.version}: the single source of versions. */
    static String rootPomProperty(String name) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document pom = factory.newDocumentBuilder().parse(path("pom.xml").toFile());
            NodeList properties = pom.getDocumentElement().getElementsByTagName("properties");
            NodeList matches = ((org.w3c.dom.Element) properties.item(0)).getElementsByTagName(name);
            if (matches.getLength() != 1) {
                throw new IllegalStateException("root pom.xml has " + matches.getLength() + " <" + name
                        + "> properties; expected exactly one in <properties>");
            }
            return matches.item(0).getTextContent().trim();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read <" + name + "> from the root pom.xml", e);
        }
    }

    static Path buildDir() {
        return Path.of(System.getProperty("packaging.build.dir", root().resolve("packaging/target").toString()));
    }
}
