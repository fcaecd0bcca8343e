package io.userasset.events;

/** Who a profile belongs to: a known user, or an anonymous id not yet linked to one. */
public record ProfileKey(Kind kind, String id) implements Comparable<ProfileKey> {

    public enum Kind { USER, ANONYMOUS }

    /** Storage-key prefixes: they keep user and anonymous ids from ever colliding. */
    public static final String USER_PREFIX = "u#";
    public static final String ANONYMOUS_PREFIX = "a#";

    public static ProfileKey user(String userId) {
        return new ProfileKey(Kind.USER, userId);
    }

    public static ProfileKey anonymous(String anonymousId) {
        return new ProfileKey(Kind.ANONYMOUS, anonymousId);
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** The storage key: the kind's prefix and the id. */
    public String storageKey() {
        return (kind == Kind.USER ? USER_PREFIX : ANONYMOUS_PREFIX) + id;
    }

    public static ProfileKey fromStorageKey(String key) {
        if (key.startsWith(USER_PREFIX)) return user(key.substring(USER_PREFIX.length()));
        if (key.startsWith(ANONYMOUS_PREFIX)) return anonymous(key.substring(ANONYMOUS_PREFIX.length()));
        throw new IllegalArgumentException("not a profile key: " + key);
    }

    @Override
    public int compareTo(ProfileKey o) {
        return storageKey().compareTo(o.storageKey());
    }

    @Override
    public String toString() {
        return storageKey();
    }
}
