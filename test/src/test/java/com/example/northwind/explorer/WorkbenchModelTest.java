package com.example.northwind.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.local.design.DesignDocs;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.ItemShape;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/northwind.workbench.json has the structure NoSQL Workbench 3.x imports, and a facet for every item kind. */
class WorkbenchModelTest {
    private static final Path FILE = Path.of("").toAbsolutePath().getParent().resolve(DesignDocs.WORKBENCH);
    private static Map<?, ?> model;
    private static Map<?, ?> table;

    @BeforeAll
    static void parse() throws Exception {
        model = (Map<?, ?>) JSON.std.anyFrom(Files.readString(FILE, StandardCharsets.UTF_8));
        table = (Map<?, ?>) ((List<?>) model.get("DataModel")).get(0);
    }

    @Test
    void metadata_isWorkbench3ForDynamoDb_withFixedDates() {
        // GIVEN the committed model WHEN its metadata is read THEN it is a Workbench 3.0 DynamoDB model with stable dates
        Map<?, ?> metadata = (Map<?, ?>) model.get("ModelMetadata");
        assertEquals("Amazon DynamoDB", metadata.get("AWSService"));
        assertEquals("3.0", metadata.get("Version"));
        assertEquals(metadata.get("DateCreated"), metadata.get("DateLastModified"));
        assertTrue(metadata.get("DateCreated").toString().matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{2}:\\d{2} [AP]M"),
                "Workbench's date format: " + metadata.get("DateCreated"));
        assertFalse(model.get("ModelName").toString().isBlank());
    }

    @Test
    void table_hasTheDesignsKeysAndBilling() {
        // GIVEN the table WHEN its keys and billing are read THEN they are pk/sk, on demand
        assertEquals(Map.of("PartitionKey", Map.of("AttributeName", "pk", "AttributeType", "S"),
                "SortKey", Map.of("AttributeName", "sk", "AttributeType", "S")), table.get("KeyAttributes"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(Map.of("MySql", Map.of()), table.get("DataAccess"));
    }

    @Test
    void everyTableIndex_isAGlobalSecondaryIndex_withItsKeysAndProjectionAll() {
        // GIVEN the model's global secondary indexes, as Workbench lists several: one entry each
        List<?> indexes = (List<?>) table.get("GlobalSecondaryIndexes");
        // WHEN they are compared with the design's indexes
        // THEN there is one per TableIndex, in order, keyed by its attributes (S), projecting ALL
        assertEquals(TableIndex.values().length, indexes.size(), "one Workbench index per TableIndex");
        for (TableIndex index : TableIndex.values()) {
            Map<?, ?> gsi = (Map<?, ?>) indexes.get(index.ordinal());
            assertEquals(index.indexName(), gsi.get("IndexName"));
            assertEquals(Map.of("PartitionKey", Map.of("AttributeName", index.partitionKey(), "AttributeType", "S"),
                    "SortKey", Map.of("AttributeName", index.sortKey(), "AttributeType", "S")), gsi.get("KeyAttributes"),
                    index.indexName() + " keys");
            assertEquals(Map.of("ProjectionType", "ALL"), gsi.get("Projection"), index.indexName() + " projection");
            // AND its key attributes are declared on the table as strings (the table's own keys already are)
            for (String attribute : List.of(index.partitionKey(), index.sortKey())) {
                assertEquals("S", declaredTypes().get(attribute), index.indexName() + " key " + attribute + " is not declared");
            }
        }
        // AND the description names every index
        String description = ((Map<?, ?>) model.get("ModelMetadata")).get("Description").toString();
        for (TableIndex index : TableIndex.values()) {
            assertTrue(description.contains(index.indexName() + " (" + index.partitionKey() + ", " + index.sortKey() + ")"),
                    description);
        }
    }

    @Test
    void everyFacet_listsTheIndexKeyAttributesItsKindCarries() {
        Map<String, ItemShape> shapes = new java.util.HashMap<>();
        ItemModel.allShapes().forEach(s -> shapes.put(s.kind(), s));
        for (Object f : (List<?>) table.get("TableFacets")) {
            // GIVEN a facet, its item kind and its non-key attributes
            Map<?, ?> facet = (Map<?, ?>) f;
            ItemShape shape = shapes.get(facet.get("FacetName").toString());
            List<?> nonKey = (List<?>) facet.get("NonKeyAttributes");
            // WHEN the attributes of its sample items are checked THEN each is a table key or listed by the facet
            for (Object item : (List<?>) facet.get("TableData")) {
                for (Object name : ((Map<?, ?>) item).keySet()) {
                    assertTrue(name.equals("pk") || name.equals("sk") || nonKey.contains(name),
                            shape.kind() + " facet does not list " + name);
                }
            }
            // AND each index key attribute is listed exactly when the kind has a template for it
            assertEquals(shape.pk2() != null, nonKey.contains(TableSchema.PK2), shape.kind() + " and " + TableSchema.PK2);
            assertEquals(shape.sk2() != null, nonKey.contains(TableSchema.SK2), shape.kind() + " and " + TableSchema.SK2);
            assertEquals(shape.data() != null, nonKey.contains(TableSchema.DATA), shape.kind() + " and " + TableSchema.DATA);
        }
    }

    private static Map<String, String> declaredTypes() {
        Map<String, String> declared = new java.util.HashMap<>(Map.of("pk", "S", "sk", "S"));
        for (Object attribute : (List<?>) table.get("NonKeyAttributes")) {
            Map<?, ?> a = (Map<?, ?>) attribute;
            declared.put(a.get("AttributeName").toString(), a.get("AttributeType").toString());
        }
        return declared;
    }

    @Test
    void everyItemKind_hasAFacetWithSampleItemsOfThatKind() {
        // GIVEN the facets, by name
        Map<String, Map<?, ?>> facets = new java.util.HashMap<>();
        for (Object facet : (List<?>) table.get("TableFacets")) {
            facets.put(((Map<?, ?>) facet).get("FacetName").toString(), (Map<?, ?>) facet);
        }
        for (ItemShape shape : ItemModel.allShapes()) {
            // WHEN the facet of each item kind of the model is looked up
            Map<?, ?> facet = facets.get(shape.kind());
            // THEN it exists, aliases the kind's key templates, and holds items of that kind (sk fits its template)
            assertTrue(facet != null, "no facet for item kind " + shape.kind());
            assertEquals(shape.pk().describe(), ((Map<?, ?>) facet.get("KeyAttributeAlias")).get("PartitionKeyAlias"));
            List<?> data = (List<?>) facet.get("TableData");
            assertFalse(data.isEmpty(), "facet " + shape.kind() + " has no sample item");
            for (Object item : data) {
                String sk = ((Map<?, ?>) ((Map<?, ?>) item).get("sk")).get("S").toString();
                assertTrue(sk.startsWith(shape.sk().literalPrefix()), shape.kind() + " holds an item with sk " + sk);
                assertEquals(shape.entity().typeName(), ((Map<?, ?>) ((Map<?, ?>) item).get("type")).get("S"));
            }
            assertEquals(Map.of("MySql", Map.of()), facet.get("DataAccess"));
        }
        assertEquals(ItemModel.allShapes().size(), facets.size(), "a facet that is no item kind of the model");
    }

    @Test
    void everyAttributeOfEveryItem_isDeclaredOnce_withTheTypeTheItemsUse() {
        // GIVEN the declared attributes (keys and non-key), each declared once
        Map<String, String> declared = new java.util.HashMap<>(Map.of("pk", "S", "sk", "S"));
        for (Object attribute : (List<?>) table.get("NonKeyAttributes")) {
            Map<?, ?> a = (Map<?, ?>) attribute;
            assertEquals(null, declared.put(a.get("AttributeName").toString(), a.get("AttributeType").toString()),
                    "declared twice: " + a.get("AttributeName"));
        }
        // WHEN every attribute value of the table's sample data is checked
        List<?> items = (List<?>) table.get("TableData");
        assertTrue(items.size() > 50, "a representative sample, got " + items.size() + " items");
        Set<String> keys = new HashSet<>();
        for (Object item : items) {
            Map<?, ?> attributes = (Map<?, ?>) item;
            assertTrue(keys.add(((Map<?, ?>) attributes.get("pk")).get("S") + "|" + ((Map<?, ?>) attributes.get("sk")).get("S")),
                    "two sample items share a key: " + attributes);
            // THEN it is declared, in DynamoDB JSON of the declared type
            attributes.forEach((name, value) -> assertEquals(declared.get(name.toString()),
                    ((Map<?, ?>) value).keySet().iterator().next(), name + " in " + attributes.get("pk")));
        }
    }
}
