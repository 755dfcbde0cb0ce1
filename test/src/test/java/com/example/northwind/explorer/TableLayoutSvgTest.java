package com.example.northwind.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.local.design.DesignDocs;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.ItemShape;
import com.example.northwind.model.PatternDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** docs/table-layout.svg is well-formed SVG that draws every item kind and every access pattern of the model. */
class TableLayoutSvgTest {
    private static final Path FILE = Path.of("").toAbsolutePath().getParent().resolve(DesignDocs.TABLE_LAYOUT);

    @Test
    void picture_isSvg_andNamesEveryItemKindAndEveryPattern() throws Exception {
        // GIVEN the committed picture, parsed as XML (a malformed file throws here)
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document svg = factory.newDocumentBuilder().parse(FILE.toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        // WHEN its texts are collected
        Set<String> texts = new HashSet<>();
        NodeList nodes = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        // THEN every item kind labels a drawn item
        for (ItemShape shape : ItemModel.allShapes()) {
            assertTrue(texts.contains(shape.kind()), "no drawn item of kind " + shape.kind());
        }
        // AND every pattern labels a bracket over what it reads on the sample, none reading nothing
        for (PatternDefinition pattern : AccessPatterns.all()) {
            // A bracket label is "name(params) → n items"; the footer's lines carry the request after "): ".
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(pattern.name() + "(") && !t.contains("): ")
                            && t.matches(".*\\) → [1-9][0-9]* items?")),
                    "no bracket for pattern " + pattern.name());
        }
        assertTrue(texts.stream().noneMatch(t -> t.contains("nothing in the sample")), "a pattern reads nothing in the sample");
    }
}
