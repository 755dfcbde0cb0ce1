package com.example.northwind.query;

/** One parameter of an access pattern. */
record Param(String name, ParamType type, boolean required) {
    static Param required(String name, ParamType type) {
        return new Param(name, type, true);
    }

    static Param optional(String name, ParamType type) {
        return new Param(name, type, false);
    }

    /** As shown in messages: {@code customerId} or {@code from?}. */
    @Override
    public String toString() {
        return required ? name : name + "?";
    }
}
