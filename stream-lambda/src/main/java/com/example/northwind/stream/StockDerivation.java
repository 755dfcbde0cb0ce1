package com.example.northwind.stream;

import com.example.northwind.derived.ListedStock;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The listed stock ({@link ListedStock}) from stock-shard changes: the batch's products, each once however many of its
 * shards changed, in order of their first record. A record only names its product — the listing is read from the
 * shards as they are now — so duplicates, reordering and batches of the same product handled concurrently need no
 * markers: the version stamp makes every write of an older state a no-op.
 */
public final class StockDerivation implements Derivation {
    private static final Logger LOG = LoggerFactory.getLogger(StockDerivation.class);
    private final ListedStock listed;

    public StockDerivation(ListedStock listed) {
        this.listed = listed;
    }

    @Override
    public int apply(List<StreamChange> batch) {
        Map<Long, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            StreamChange change = batch.get(i);
            if (Stock.isShard(change.pk()) && ItemModel.STOCK_SORT_KEY.equals(change.sk())) {
                firstIndex.putIfAbsent(Stock.productOf(change.pk()), i);
            }
        }
        List<Long> products = new ArrayList<>(firstIndex.keySet());
        for (int from = 0; from < products.size(); from += ListedStock.PRODUCTS_PER_READ) {
            List<Long> chunk = products.subList(from, Math.min(products.size(), from + ListedStock.PRODUCTS_PER_READ));
            try {
                listed.refresh(chunk);
            } catch (SdkException | IllegalStateException e) {
                // Retried from the chunk's first record: the products before it are listed; listing one again is harmless.
                LOG.warn("listed stock: products {} not done, the batch is retried from the first one's first record: {}",
                        chunk, e.getMessage());
                return chunk.stream().mapToInt(firstIndex::get).min().orElse(0);
            }
        }
        return batch.size();
    }
}
