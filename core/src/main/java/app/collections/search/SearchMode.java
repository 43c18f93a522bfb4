package app.collections.search;

public enum SearchMode { BM25, VECTOR, HYBRID, AGENTIC }
