package org.rollcall.events.api;

import java.util.List;

/**
 * One page of a listing: by number ({@code page}, {@code size}), or by cursor: {@code next}, passed
 * back as {@code cursor}, starts the following page (null on the last), and stays right when
 * records are added meanwhile.
 */
public record Page<T>(List<T> items, int page, int size, long total, String next) {
}
