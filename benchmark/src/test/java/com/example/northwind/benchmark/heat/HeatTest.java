package com.example.northwind.benchmark.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.Read;
import com.example.northwind.model.SortCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Heat accounting per second and key, write-cost rules, page reads, the item-size rule. */
class HeatTest {
    @Test
    void unitsAreSummedPerKeyAndSecond_thePeakSecondCounts_notTheTotal() {
        Heat heat = new Heat();
        heat.at(0);
        heat.begin("w");
        for (int i = 0; i < 300; i++) {
            heat.add("gsi_1", Heat.Kind.WRITE, "ORDER", 1);
        }
        heat.add("table", Heat.Kind.WRITE, "ORDER#1", 2);
        heat.at(1);
        for (int i = 0; i < 400; i++) {
            heat.add("gsi_1", Heat.Kind.WRITE, "ORDER", 1.5);
        }
        heat.add("gsi_1", Heat.Kind.READ, "ORDER", 0.5);
        heat.at(5);
        heat.add("gsi_1", Heat.Kind.WRITE, "ORDER", 1);
        heat.finish();
        Heat.Hot w = heat.max(Heat.Kind.WRITE);
        assertEquals("gsi_1", w.target());
        assertEquals("ORDER", w.key());
        assertEquals(600, w.unitsPerSecond(), 1e-9);
        assertFalse(HeatRuns.withinLimits(heat)); // 600 > 500
        assertEquals(0.5, heat.max(Heat.Kind.READ).unitsPerSecond(), 1e-9);
        assertEquals(6, heat.seconds());
        assertEquals((300 + 600 + 1) / 6.0, heat.averagePerSecond().get("gsi_1 WCU"), 1e-9);
        List<Heat.Hot> hottest = heat.hottest(2);
        assertEquals("ORDER", hottest.get(0).key());
        assertEquals(1, heat.calls().get("w").calls());
        assertEquals(901, heat.calls().get("w").writeUnits().get("gsi_1"), 1e-9);
    }

    @Test
    void withinLimits_atExactlyTheLimits() {
        Heat heat = new Heat();
        heat.at(0);
        heat.add("table", Heat.Kind.WRITE, "A", 500);
        heat.add("gsi_1", Heat.Kind.READ, "B", 1500);
        heat.finish();
        assertTrue(HeatRuns.withinLimits(heat));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String data, int padding) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.fromS(pk));
        m.put("sk", AttributeValue.fromS(sk));
        if (data != null) {
            m.put("data", AttributeValue.fromS(data));
        }
        m.put("p", AttributeValue.fromS("x".repeat(padding)));
        return m;
    }

    @Test
    void writeCost_indexEntries_enterLeaveStayMove_andTransactionsDouble() {
        Map<String, AttributeValue> small = item("ORDER#1", "OPEN_ORDER", "2026#1", 100);
        Map<String, AttributeValue> big = item("ORDER#1", "OPEN_ORDER", "2026#1", 1500);
        // enter: table 1 + gsi_1 1
        assertEquals(Map.of("table", 1.0, "gsi_1", 1.0), WriteCost.byTarget(WriteCost.of(null, small, false, 1)));
        // stay under the same index key, bigger: the larger size counts on both
        assertEquals(Map.of("table", 2.0, "gsi_1", 2.0), WriteCost.byTarget(WriteCost.of(small, big, false, 1)));
        // leave (delete)
        assertEquals(Map.of("table", 2.0, "gsi_1", 2.0), WriteCost.byTarget(WriteCost.of(big, null, false, 1)));
        // move to another gsi_1 sort value: delete + put = 2 index writes, one per index partition
        Map<String, AttributeValue> moved = item("ORDER#1", "OPEN_ORDER", "2027#1", 100);
        List<WriteCost.Write> writes = WriteCost.of(small, moved, false, 1);
        assertEquals(Map.of("table", 1.0, "gsi_1", 2.0), WriteCost.byTarget(writes));
        assertEquals(3, writes.size());
        // out of the index before and after (no data): the table only
        assertEquals(Map.of("table", 1.0), WriteCost.byTarget(WriteCost.of(null, item("X#1", "X", null, 10), false, 1)));
        // transactional: table ×2, index × the factor
        assertEquals(Map.of("table", 2.0, "gsi_1", 2.0), WriteCost.byTarget(WriteCost.of(null, small, true, 2)));
        assertEquals(Map.of("table", 2.0, "gsi_1", 1.0), WriteCost.byTarget(WriteCost.of(null, small, true, 1)));
        // stored bytes: item + 100 per copy, on the table and in the index
        int size = ItemSize.of(small);
        for (WriteCost.Write w : WriteCost.of(null, small, false, 1)) {
            assertEquals(size + 100, w.storedDelta());
        }
    }

    @Test
    void pageRead_sumsTheFirstItemsOfTheRange_inTheReadsDirection() {
        TableState state = new TableState(3, 100);
        for (int i = 1; i <= 20; i++) {
            state.put("gsi_1", "ORDER", String.format("2026#%02d", i), "ORDER#" + i, "ORDER", 1000 + i);
        }
        state.put("gsi_1", "ORDER", "ZZZ", "OTHER#1", "ORDER", 5);
        Read newest = Read.indexDescending("ORDER", SortCondition.beginsWith("2026#"));
        TableState.Page page = state.read(newest, 2);
        assertEquals(2, page.items());
        assertEquals(1020 + 1019, page.bytes());
        assertTrue(page.exact());
        assertEquals(0.5, Units.read(page.bytes(), false)); // 2,039 bytes: one 4 KB unit, eventually consistent: half
        assertEquals(2.0, Units.read(4097, true));
    }

    @Test
    void itemSizeRule_numbersStringsBooleans() {
        assertEquals(2, ItemSize.number("5"));
        assertEquals(2, ItemSize.number("10"));      // trailing zero trimmed: 1 digit
        assertEquals(3, ItemSize.number("123"));
        assertEquals(3, ItemSize.number("32.38"));   // 4 digits → 2 + 1
        assertEquals(1 + 1, ItemSize.number("0"));
        assertEquals(3, ItemSize.utf8("aü"));
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("ab", AttributeValue.fromS("xyz"));
        m.put("n", AttributeValue.fromN("1000"));
        m.put("b", AttributeValue.fromBool(false));
        assertEquals(2 + 3 + 1 + 2 + 1 + 1, ItemSize.of(m));
    }
}
