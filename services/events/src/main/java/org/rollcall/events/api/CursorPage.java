package org.rollcall.events.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing walked by cursor: {@code next} is passed back as {@code cursor} for the
 * page after this one, and is null on the last page. A cursor is opaque to callers (base64url of
 * the last item's sort key), so rows added meanwhile never shift or repeat a page.
 */
public record CursorPage<T>(List<T> items, String next) {

    /** The page for {@code limit} items out of up to {@code limit + 1} fetched: one more means there is a next page. */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new CursorPage<>(items, encode(key.apply(items.get(limit - 1))));
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor stands for; null for no cursor. Throws IllegalArgumentException for one this API never gave. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > 200) {
            throw new IllegalArgumentException("cursor is not one this API gave");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this API gave");
        }
    }
}
