package io.userasset.domain.profile;

/**
 * What a profile item keeps of its {@link KeyArchive}: enough to load it ({@code id}) and to drop
 * it unread once every key in it is older than the deduplication horizon ({@code newestDay}).
 */
public record KeyArchiveRef(long id, int size, int newestDay) {}
