"""Exporters: write a selection of the register in other people's formats. Pure: they take
rows and records and a path, and never query the database."""
