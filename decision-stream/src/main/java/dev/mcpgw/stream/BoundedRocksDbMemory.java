package dev.mcpgw.stream;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Puts every RocksDB store of this JVM under one memory budget. By default each store instance
 * (five stores on every task) takes its own block cache and up to three 16 MB memtables, so the
 * off-heap memory of the stream grew with the number of partitions and took the gateway past
 * 1 GiB resident under load. Here block cache, index and filter blocks and memtables all count
 * against one shared cache, the way Kafka Streams' memory-management guide bounds it.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    static final long TOTAL_BYTES = 64L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
    /** Share of the cache kept for index and filter blocks, so lookups do not evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, INDEX_AND_FILTER_SHARE);
    private static final WriteBufferManager MEMTABLES = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(MEMTABLES);
    }

    /** The cache and memtable budget are shared by every store of the JVM, so no store closes them. */
    @Override
    public void close(String storeName, Options options) {
    }
}
