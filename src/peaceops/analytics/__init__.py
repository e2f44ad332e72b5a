"""Analytics: pure functions over records or frames that return typed results with
``.to_frame()``. They never take a database handle."""
