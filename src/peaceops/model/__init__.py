"""Plain-Python core of peaceops: vocabulary, value types and reports (no framework imports)."""
