package com.example.fis;

/** What became of an order. */
public enum OrderStatus {
    /** Written to the orders table. */
    STORED,
    /** DynamoDB was throttling: kept to be written later. */
    QUEUED
}
