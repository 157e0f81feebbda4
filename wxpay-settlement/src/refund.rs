//! Refunds (退款): `/v3/refund/domestic/...`.
