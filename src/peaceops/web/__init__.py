"""Web adapter: server-rendered pages and the REST API under /api/v1, over the façade."""
