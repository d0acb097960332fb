package io.jfrp.server.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a load-balancing group (or the single proxy of a route), handed out in turn. Used
 * by every place that spreads connections or requests over a group: the http router, the
 * https/tcpmux name routes and the tcp groups.
 *
 * <p>Not thread-safe: its owner's lock guards it.
 *
 * @param <T> a member
 */
public final class RoundRobin<T> {
    private final List<T> members = new ArrayList<>(1);
    private int next;

    public void add(T member) {
        members.add(member);
    }

    /** Removes {@code member}; true when it was there. */
    public boolean remove(T member) {
        return members.remove(member);
    }

    /** Removes the members {@code filter} accepts; true when any was there. */
    public boolean removeIf(java.util.function.Predicate<? super T> filter) {
        return members.removeIf(filter);
    }

    public boolean contains(T member) {
        return members.contains(member);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public int size() {
        return members.size();
    }

    /** The member that joined first, for messages naming who holds a route; null when empty. */
    public T first() {
        return members.isEmpty() ? null : members.get(0);
    }

    /** The next member in turn, or null when there is none. */
    public T next() {
        if (members.isEmpty()) {
            return null;
        }
        next = Math.floorMod(next, members.size());
        return members.get(next++);
    }

    /**
     * {@code preferred} when it is still a member (a keep-alive connection stays with the backend it
     * has), else the {@link #next} in turn.
     */
    public T pick(T preferred) {
        return preferred != null && members.contains(preferred) ? preferred : next();
    }
}
