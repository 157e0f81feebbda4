//! `idempotent` sets `Endpoint::IDEMPOTENT`; without it the trait's default `false` applies.

use wxpay_core::{Endpoint, endpoint};

/// Cancels a service order: WeChat documents repeats with the same parameters as safe (原参重入).
#[endpoint(
    POST,
    "v3/payscore/serviceorder/<out_order_no>/cancel",
    response = wxpay_core::NoContent,
    idempotent,
)]
pub struct CancelServiceOrder {
    /// Path parameter.
    pub out_order_no: String,
    /// Body field.
    pub reason: String,
}

/// The key may come before `response`, and `DELETE` may be idempotent too.
#[endpoint(DELETE, "v3/things/<id>", idempotent, response = wxpay_core::NoContent)]
pub struct DeleteThing {
    /// Path parameter.
    pub id: String,
}

/// Completes a service order: not declared idempotent.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/complete", response = wxpay_core::NoContent)]
pub struct CompleteServiceOrder {
    /// Path parameter.
    pub out_order_no: String,
}

/// A `const` context: the flag is known at compile time.
const FLAGS: [bool; 3] = [
    <CancelServiceOrder as Endpoint>::IDEMPOTENT,
    <DeleteThing as Endpoint>::IDEMPOTENT,
    <CompleteServiceOrder as Endpoint>::IDEMPOTENT,
];

fn main() {
    assert_eq!(FLAGS, [true, true, false]);
}
