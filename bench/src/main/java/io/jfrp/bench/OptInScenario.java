package io.jfrp.bench;

/**
 * A scenario that runs only when named in {@code --scenarios}, never in the default run (see
 * {@link Scenario#optIn()}): one that needs what a default run should not bring in, such as HAProxy
 * and a server killed on purpose ({@code failover}) or every transport variant ({@code transports}).
 */
public abstract class OptInScenario extends AbstractScenario {
    protected OptInScenario(String name, String description, String... tools) {
        super(name, description, tools);
    }

    @Override
    public final boolean optIn() {
        return true;
    }
}
