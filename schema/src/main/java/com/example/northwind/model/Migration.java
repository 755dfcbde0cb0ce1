package com.example.northwind.model;

import java.util.List;

/**
 * One migration of a live table from one item-model version to the next, as data: the steps of its expand phase
 * (add what the new model needs while keeping what the old model's readers need: both stay correct) and of its
 * contract phase (remove what only the old model needed, once no old reader is live). Items no step matches are
 * already right in both models and are not written.
 */
public record Migration(String name, String fromVersion, String toVersion, List<MigrationStep> expand,
                        List<MigrationStep> contract) {
    public Migration {
        expand = List.copyOf(expand);
        contract = List.copyOf(contract);
    }

    /** The two phases. */
    public enum Phase { EXPAND, CONTRACT }

    public List<MigrationStep> steps(Phase phase) {
        return phase == Phase.EXPAND ? expand : contract;
    }
}
