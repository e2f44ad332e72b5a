"""Reports: render analysis results as documents (country briefs). Pure: records in, text out."""
