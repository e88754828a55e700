package dev.viewgate.request;

/** Where an access request stands. Only PENDING can change; every other status is final. */
public enum AccessRequestStatus {
    PENDING, GRANTED, DECLINED, WITHDRAWN
}
