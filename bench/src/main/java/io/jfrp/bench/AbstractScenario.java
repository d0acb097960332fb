package io.jfrp.bench;

import java.util.List;

/** What every scenario states about itself: its name, one line of description, the tools it runs. */
public abstract class AbstractScenario implements Scenario {
    private final String name;
    private final String description;
    private final List<String> tools;

    protected AbstractScenario(String name, String description, String... tools) {
        this.name = name;
        this.description = description;
        this.tools = List.of(tools);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<String> requiredTools() {
        return tools;
    }
}
