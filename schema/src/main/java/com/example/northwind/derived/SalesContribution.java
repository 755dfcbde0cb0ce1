package com.example.northwind.derived;

import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.Keys;
import com.example.northwind.schema.TableSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one source item adds to the sales aggregates, read from its image alone: an order entity item counts one order
 * on its order date's {@code DailySales}; an order line counts one line, its quantity and its revenue
 * (unitPrice × quantity × (1 − discount), exact) on its product's {@code ProductSales} and its units and revenue on its
 * order date's {@code DailySales}. Any other item, and an absent one, adds nothing. The ledger stores the contribution it
 * counted for each source item, so the effect of a change is always "what the item adds now minus what was counted".
 *
 * @param productId the line's product; null for an order or nothing
 * @param date      the order date (a line's comes from its index sort value); null for nothing
 */
public record SalesContribution(Long productId, String date, long orders, long lines, long unitsSold, BigDecimal revenue) {
    public static final SalesContribution NONE = new SalesContribution(null, null, 0, 0, 0, BigDecimal.ZERO);

    private static final String ORDER_PREFIX = EntityType.ORDER.keyPrefix() + Keys.SEPARATOR;
    private static final String LINE_SORT_PREFIX = ItemModel.shape("ORDER_LINE_EDGE").sk().literalPrefix();
    /** The gsi_1 sort value lines had before item model 5: {@code ORDER_LINE#<orderDate>#<orderID10>}. */
    private static final String LEGACY_LINE_DATA_PREFIX = "ORDER_LINE#";

    /** The contribution of an item as this image shows it; {@link #NONE} for a null or empty image. */
    public static SalesContribution of(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty() || !image.containsKey(TableSchema.PK) || !image.containsKey(TableSchema.SK)) {
            return NONE;
        }
        String pk = image.get(TableSchema.PK).s();
        String sk = image.get(TableSchema.SK).s();
        if (pk == null || !pk.startsWith(ORDER_PREFIX)) {
            return NONE;
        }
        if (ItemModel.entitySortKey(EntityType.ORDER).equals(sk)) {
            String date = text(image, "orderDate");
            return date == null ? NONE : new SalesContribution(null, date, 1, 0, 0, BigDecimal.ZERO);
        }
        if (sk != null && sk.startsWith(LINE_SORT_PREFIX)) {
            String date = lineDate(text(image, TableSchema.SK2), text(image, TableSchema.DATA));
            BigDecimal productId = number(image, "productID", null);
            if (date == null || productId == null) {
                return NONE; // not a line of the current model: nothing to count
            }
            BigDecimal quantity = number(image, "quantity", BigDecimal.ZERO);
            BigDecimal revenue = number(image, "unitPrice", BigDecimal.ZERO).multiply(quantity)
                    .multiply(BigDecimal.ONE.subtract(number(image, "discount", BigDecimal.ZERO)));
            return new SalesContribution(productId.longValueExact(), date, 0, 1, quantity.longValueExact(), revenue);
        }
        return NONE;
    }

    public boolean isNone() {
        return date == null;
    }

    /** The deltas this contribution adds to each aggregate it touches, keyed by the aggregate. */
    public Map<Aggregate, Delta> deltas() {
        Map<Aggregate, Delta> out = new LinkedHashMap<>();
        if (isNone()) {
            return out;
        }
        if (productId != null) {
            out.put(Aggregate.product(productId), new Delta(lines, unitsSold, revenue));
        }
        out.put(Aggregate.day(date), new Delta(orders, unitsSold, revenue));
        return out;
    }

    /** The contribution as the ledger's marker stores it (exact numbers as DynamoDB numbers). */
    Map<String, AttributeValue> toAttributes() {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (isNone()) {
            return out;
        }
        if (productId != null) {
            out.put("productID", AttributeValue.fromN(Long.toString(productId)));
        }
        out.put("date", AttributeValue.fromS(date));
        out.put("orders", AttributeValue.fromN(Long.toString(orders)));
        out.put("lines", AttributeValue.fromN(Long.toString(lines)));
        out.put("unitsSold", AttributeValue.fromN(Long.toString(unitsSold)));
        out.put("revenue", AttributeValue.fromN(Delta.plain(revenue)));
        return out;
    }

    /** The contribution a marker says was counted; {@link #NONE} for no marker. */
    static SalesContribution fromMarker(Map<String, AttributeValue> marker) {
        if (marker == null || marker.isEmpty() || !marker.containsKey("date")) {
            return NONE;
        }
        BigDecimal productId = number(marker, "productID", null);
        return new SalesContribution(productId == null ? null : productId.longValueExact(), marker.get("date").s(),
                number(marker, "orders", BigDecimal.ZERO).longValueExact(),
                number(marker, "lines", BigDecimal.ZERO).longValueExact(),
                number(marker, "unitsSold", BigDecimal.ZERO).longValueExact(),
                number(marker, "revenue", BigDecimal.ZERO));
    }

    /** Whether two contributions count the same (revenue compared by value: 1.50 equals 1.5). */
    public boolean sameAs(SalesContribution other) {
        return java.util.Objects.equals(productId, other.productId) && java.util.Objects.equals(date, other.date)
                && orders == other.orders && lines == other.lines && unitsSold == other.unitsSold
                && revenue.compareTo(other.revenue) == 0;
    }

    /** {@code ORDER_LINE#1996-07-04#0000010248} → {@code 1996-07-04}. */
    /**
     * A line's order date: from its gsi_2 sort value ({@code <orderDate>#<orderID10>}, item model 5), or from the gsi_1
     * sort value lines had before ({@code ORDER_LINE#<orderDate>#…}) — both while migration 5 runs, the same date.
     */
    private static String lineDate(String sk2, String legacyData) {
        if (sk2 != null) {
            int end = sk2.indexOf(Keys.SEPARATOR);
            return end <= 0 ? null : sk2.substring(0, end);
        }
        if (legacyData == null || !legacyData.startsWith(LEGACY_LINE_DATA_PREFIX)) {
            return null;
        }
        int end = legacyData.indexOf(Keys.SEPARATOR, LEGACY_LINE_DATA_PREFIX.length());
        return end < 0 ? null : legacyData.substring(LEGACY_LINE_DATA_PREFIX.length(), end);
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.s();
    }

    private static BigDecimal number(Map<String, AttributeValue> image, String name, BigDecimal absent) {
        AttributeValue value = image.get(name);
        if (value == null || value.n() == null) {
            return absent;
        }
        return new BigDecimal(value.n());
    }
}
