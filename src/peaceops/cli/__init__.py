"""Command-line adapter: parse, call the façade once, render. No domain logic here."""
