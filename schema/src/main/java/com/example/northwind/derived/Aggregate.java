package com.example.northwind.derived;

import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One derived sales item: a product's {@code ProductSales} ({@code productId} set) or a day's {@code DailySales}
 * ({@code date} set). Its keys come from the item model's shapes, as every other item's.
 */
public record Aggregate(Long productId, String date) {
    public static Aggregate product(long productId) {
        return new Aggregate(productId, null);
    }

    public static Aggregate day(String date) {
        return new Aggregate(null, date);
    }

    public boolean isProduct() {
        return productId != null;
    }

    public EntityType type() {
        return isProduct() ? EntityType.PRODUCT_SALES : EntityType.DAILY_SALES;
    }

    public String pk() {
        return isProduct() ? ItemModel.partition(EntityType.PRODUCT_SALES, Long.toString(productId))
                : ItemModel.shape(EntityType.DAILY_SALES.name()).pk().renderRequired(Map.of());
    }

    public String sk() {
        return isProduct() ? ItemModel.entitySortKey(EntityType.PRODUCT_SALES)
                : ItemModel.DAILY_SALES_SORT.renderRequired(Map.of("date", date));
    }

    /** The attribute that identifies it besides the keys: {@code productID} (a number) or {@code date}. */
    String idAttribute() {
        return isProduct() ? "productID" : "date";
    }

    AttributeValue idValue() {
        return isProduct() ? AttributeValue.fromN(Long.toString(productId)) : AttributeValue.fromS(date);
    }

    @Override
    public String toString() {
        return pk() + " / " + sk();
    }
}
