//! Tests of the wxpay workspace live in `tests/`.
