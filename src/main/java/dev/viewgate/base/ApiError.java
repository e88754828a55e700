package dev.viewgate.base;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON body of every Viewgate error: {@code {"error": "<code>", "error_description": "<text>"}}. */
public record ApiError(String error, @JsonProperty("error_description") String errorDescription) {
}
