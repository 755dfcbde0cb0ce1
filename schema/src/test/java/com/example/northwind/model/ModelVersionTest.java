package com.example.northwind.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelVersionTest {

    @Test
    void version_changes_whenOneItemShapeChanges() {
        // GIVEN the model as built, and the same model with one item's gsi_1 sort key changed
        // (order lines sorting under an unpadded order id instead of the padded one)
        List<ItemShape> shapes = new ArrayList<>(ItemModel.allShapes());
        ItemShape line = ItemModel.shape("ORDER_LINE_EDGE");
        ItemShape changed = new ItemShape(line.kind(), line.entity(), line.role(), line.pk(), line.sk(),
                KeyTemplate.of(KeyTemplate.lit("ORDER_LINE#"), KeyTemplate.val("orderDate"), KeyTemplate.lit("#"),
                        KeyTemplate.val("orderID")),
                line.presence(), line.carries());
        shapes.set(shapes.indexOf(line), changed);
        // WHEN both versions are computed
        String current = ModelVersion.of(ItemModel.allShapes(), ItemModel::enrichments, AccessPatterns.all());
        String edited = ModelVersion.of(shapes, ItemModel::enrichments, AccessPatterns.all());
        // THEN the version follows the change, and the unchanged model is stable
        assertNotEquals(current, edited);
        assertEquals(current, ModelVersion.current());
    }

    @Test
    void version_changes_whenAnItemCarriesOneAttributeLess() {
        // GIVEN the territory edge without the employee's title
        List<ItemShape> shapes = new ArrayList<>(ItemModel.allShapes());
        ItemShape edge = ItemModel.shape("EMPLOYEE_TERRITORY_EDGE");
        List<String> fewer = new ArrayList<>(edge.carries());
        fewer.remove("title");
        shapes.set(shapes.indexOf(edge), new ItemShape(edge.kind(), edge.entity(), edge.role(), edge.pk(), edge.sk(),
                edge.data(), edge.presence(), fewer));
        // WHEN/THEN the version differs
        assertNotEquals(ModelVersion.current(), ModelVersion.of(shapes, ItemModel::enrichments, AccessPatterns.all()));
    }

    @Test
    void version_changes_whenAPatternReadsAnotherRange() {
        // GIVEN openOrders read newest first instead of oldest first
        List<PatternDefinition> patterns = new ArrayList<>(AccessPatterns.all());
        PatternDefinition open = AccessPatterns.byName("openOrders").orElseThrow();
        patterns.set(patterns.indexOf(open), new PatternDefinition(open.name(), open.answers(), open.view(),
                p -> Read.indexDescending("OPEN_ORDER", SortCondition.ANY), open.params(), open.example()));
        // WHEN/THEN the version differs
        assertNotEquals(ModelVersion.current(), ModelVersion.of(ItemModel.allShapes(), ItemModel::enrichments, patterns));
    }

    @Test
    void version_isSixteenHexDigits() {
        // GIVEN/WHEN the current version THEN it is a short hex digest, fit for a custom-resource property
        assertTrue(ModelVersion.current().matches("[0-9a-f]{16}"), ModelVersion.current());
    }
}
