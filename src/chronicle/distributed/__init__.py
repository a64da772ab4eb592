"""Running the per-document pipeline beyond one process: records as JSON, Parquet shards, the Ray engine."""
