package com.example.northwind.model;

/**
 * How a value of a parameter kind is shown to a user: in words for forms ("a whole number"), and as a placeholder
 * in usage lines ({@code --employeeId N}) — never the kind's constant name.
 */
public record ValueText(String label, String placeholder) {
}
