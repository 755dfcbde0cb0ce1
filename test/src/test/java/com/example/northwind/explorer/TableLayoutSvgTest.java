package com.example.northwind.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.local.design.DesignDocs;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.ItemShape;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.model.Read;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * docs/table-layout.svg is well-formed SVG that draws every item kind and every access pattern of the model, with a
 * section per index and each pattern's bracket in the section of the table or index it reads.
 */
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

    @Test
    void everyIndexHasASection_andEachPatternsBracketIsInTheIndexItReads() throws Exception {
        // GIVEN the picture's texts in drawing order (top to bottom)
        List<String> texts = texts();
        // WHEN the texts are walked section by section: the base table, then one heading per index
        Map<String, String> sectionOfBracket = new HashMap<>();
        List<String> sections = new ArrayList<>();
        String section = null;
        for (String text : texts) {
            if (text.startsWith("Base table — ")) {
                section = TABLE;
                sections.add(section);
            } else if (text.startsWith("Every access pattern on this sample")) {
                section = null;
            } else {
                for (TableIndex index : TableIndex.values()) {
                    if (text.startsWith(index.indexName() + " — ")) {
                        section = index.indexName();
                        sections.add(section);
                        // AND an index's heading names its partition and sort key
                        assertTrue(text.contains("partition = " + index.partitionKey() + ", sorted by " + index.sortKey()), text);
                    }
                }
                if (section != null && text.matches("\\w+\\(.*\\) → [1-9][0-9]* items?") && !text.contains("): ")) {
                    sectionOfBracket.put(text.substring(0, text.indexOf('(')), section);
                }
            }
        }
        // THEN the sections are the base table and every index, in TableIndex order
        List<String> expected = new ArrayList<>(List.of(TABLE));
        Arrays.stream(TableIndex.values()).forEach(i -> expected.add(i.indexName()));
        assertEquals(expected, sections);
        // AND every pattern's bracket is in the section of the table or index its read names
        for (PatternDefinition pattern : AccessPatterns.all()) {
            Set<String> reads = new HashSet<>();
            for (Read read : pattern.symbolicReads().values()) {
                reads.add(read.queries().isEmpty() || read.queries().get(0).index() == null ? TABLE
                        : read.queries().get(0).index().indexName());
            }
            assertEquals(1, reads.size(), pattern.name() + " reads more than one table or index");
            assertEquals(reads.iterator().next(), sectionOfBracket.get(pattern.name()), "bracket of " + pattern.name());
        }
        // AND productsBySupplier, the pattern that reads gsi_2, is drawn there
        assertEquals(TableSchema.GSI_2, sectionOfBracket.get("productsBySupplier"));
    }

    private static final String TABLE = "table";

    private static List<String> texts() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList nodes = factory.newDocumentBuilder().parse(FILE.toFile())
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
