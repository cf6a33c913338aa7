package dev.datafactory.model.spec;

/** Link following: which links, how deep from a start URL, how many pages at most, same site only. */
public record Follow(String selector, int maxDepth, int maxPages, boolean sameSite) {
}
