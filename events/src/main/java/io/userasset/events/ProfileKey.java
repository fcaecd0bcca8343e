package io.userasset.events;

/** Who a profile belongs to: a known user, or an anonymous id not yet linked to one. */
public record ProfileKey(Kind kind, String id) implements Comparable<ProfileKey> {

    public enum Kind { USER, ANONYMOUS }

    public static ProfileKey user(String userId) {
        return new ProfileKey(Kind.USER, userId);
    }

    public static ProfileKey anonymous(String anonymousId) {
        return new ProfileKey(Kind.ANONYMOUS, anonymousId);
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** The storage key: a prefix keeps user and anonymous ids from ever colliding. */
    public String storageKey() {
        return (kind == Kind.USER ? "u#" : "a#") + id;
    }

    public static ProfileKey fromStorageKey(String key) {
        if (key.startsWith("u#")) return user(key.substring(2));
        if (key.startsWith("a#")) return anonymous(key.substring(2));
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
