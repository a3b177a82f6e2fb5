"""A German relevance set for the portal search: judged documents and queries (data/*.yaml)."""
