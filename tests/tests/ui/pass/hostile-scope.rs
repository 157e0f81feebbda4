//! Generated code writes every path in full, so names in the user's scope cannot break it.

#![allow(dead_code)]

type Result<T> = ::core::result::Result<T, ()>;
struct String;
struct Vec;
enum Method {}
trait Endpoint {}
trait Serialize {}
mod std {}
mod core {}
mod serde {}
mod wxpay_core {}

/// Cancels a service order.
#[::wxpay_core::endpoint(
    POST,
    "v3/payscore/serviceorder/<out_order_no>/cancel",
    response = ::wxpay_core::NoContent
)]
pub struct CancelServiceOrder {
    /// Path parameter.
    pub out_order_no: u64,
    /// Body field.
    pub reason: &'static str,
    /// Query parameter.
    #[endpoint(query)]
    pub sub_mchid: u64,
}

fn main() {
    let request = CancelServiceOrder { out_order_no: 42, reason: "r", sub_mchid: 7 };
    let mut path = ::std::string::String::new();
    <CancelServiceOrder as ::wxpay_core::Endpoint>::write_path(&request, &mut path);
    assert_eq!(path, "v3/payscore/serviceorder/42/cancel");
}
