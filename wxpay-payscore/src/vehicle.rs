//! PayScore parking (微信支付分停车), `/v3/vehicle/...`.
