package dev.viewgate.guest;

import java.time.Instant;

/** A registered view as the API shows it. */
public record ViewRepresentation(String client, String key, String name, boolean editable, boolean addable,
                                 boolean exportable, String createdAt, String updatedAt) {

    static ViewRepresentation of(ViewEntity view, String clientId) {
        return new ViewRepresentation(clientId, view.getViewKey(), view.getName(), view.isEditable(), view.isAddable(),
                view.isExportable(), Instant.ofEpochMilli(view.getCreatedAt()).toString(),
                Instant.ofEpochMilli(view.getUpdatedAt()).toString());
    }
}
