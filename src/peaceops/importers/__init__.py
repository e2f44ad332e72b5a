"""Importers: parse files into records plus issues. They never write and never print."""
