package dev.portcullis.identity;

import java.util.List;

/** ADM-2: one page of the user list; {@code page} counts from 0. */
public record AdminUserPage(List<AdminUser> items, int page, int size, long total) {

    public AdminUserPage {
        items = List.copyOf(items);
    }
}
