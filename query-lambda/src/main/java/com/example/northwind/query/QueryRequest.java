package com.example.northwind.query;

import java.util.Map;

/** A validated request: the pattern, its normalised parameter values, the page size and the raw nextToken (or null). */
record QueryRequest(AccessPattern pattern, Map<String, String> params, int limit, String nextToken) {
}
