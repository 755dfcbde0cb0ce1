package com.example.northwind.model;

/**
 * How a Northwind column is typed in items. The Java value a fact holds for it is {@link Long} (INT, ID),
 * {@link java.math.BigDecimal} (DECIMAL), {@link Boolean} (BOOL) or {@link String} (DATE as YYYY-MM-DD, STRING).
 */
public enum ValueType {
    /** A whole number, stored as N. */
    INT,
    /** A numeric id from 0 to 9999999999 (it is zero-padded to 10 digits inside sort values), stored as N. */
    ID,
    /** Money or a fraction, stored as N. */
    DECIMAL,
    /** An ISO date, stored as S (ISO dates sort as strings). */
    DATE,
    /** A flag, stored as BOOL. */
    BOOL,
    /** Text, stored as S. */
    STRING
}
