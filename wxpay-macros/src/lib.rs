//! Procedural macros of the wxpay SDK.
//!
//! If this is all you see, read the documentation of `wxpay_core::endpoint` instead: `wxpay-core`
//! re-exports the `#[endpoint]` attribute and documents it there, next to the `Endpoint` trait it
//! implements. Use the attribute through that re-export.

mod endpoint;
mod errors;

use proc_macro::TokenStream;

/// Declares an API endpoint as a struct. Documented on `wxpay_core::endpoint`.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    endpoint::expand(args.into(), item.into()).into()
}
