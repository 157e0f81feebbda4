//! `#[endpoint(METHOD, "template", response = Type)]`: parse, check, then expand.
//!
//! On any error the struct is emitted again exactly as written, next to one `compile_error!` per
//! mistake, so a broken attribute never causes follow-on errors about a missing struct.

mod args;
mod check;
mod expand;
mod template;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{Data, DeriveInput, Fields};

/// Expands `#[endpoint(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    // The item is parsed first so that it can be emitted again whatever is wrong with `args`.
    let Ok(mut input) = syn::parse2::<DeriveInput>(item.clone()) else {
        // rustc has already parsed the item, so this is some other kind of item, e.g. a `fn`.
        return fallback(syn::Error::new(Span::call_site(), check::NOT_A_STRUCT), item);
    };
    let endpoint = check::check(&input, syn::parse2(args));
    strip_field_attributes(&mut input);
    match endpoint {
        Ok(endpoint) => expand::expand(input, &endpoint),
        Err(error) => fallback(error, input.into_token_stream()),
    }
}

/// The output on error: every error, then the item.
fn fallback(error: syn::Error, item: TokenStream) -> TokenStream {
    let mut tokens = error.into_compile_error();
    tokens.extend(item);
    tokens
}

/// Removes our `#[endpoint(...)]` field attributes, which nothing else may see: rustc would
/// reject them as a misplaced attribute macro.
fn strip_field_attributes(input: &mut DeriveInput) {
    let fields: Vec<&mut Fields> = match &mut input.data {
        Data::Struct(data) => vec![&mut data.fields],
        Data::Enum(data) => data.variants.iter_mut().map(|variant| &mut variant.fields).collect(),
        Data::Union(_) => Vec::new(),
    };
    for field in fields.into_iter().flat_map(|fields| fields.iter_mut()) {
        field.attrs.retain(|attr| !attr.path().is_ident("endpoint"));
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::expand;

    #[test]
    fn expands_a_valid_endpoint() {
        let output = expand(
            quote!(POST, "v3/orders/<out_order_no>/complete", response = NoContent),
            quote! {
                pub struct CompleteOrder {
                    pub out_order_no: String,
                    #[endpoint(query)]
                    pub sub_mchid: String,
                    pub service_id: String,
                }
            },
        )
        .to_string();
        assert!(!output.contains("compile_error"), "{output}");
        assert!(!output.contains("# [endpoint"), "{output}");
        assert_eq!(output.matches("# [serde (skip_serializing)]").count(), 2, "{output}");
        assert!(output.contains("push_segment (out , & self . out_order_no)"), "{output}");
        assert!(output.contains("query . push (\"sub_mchid\" , & self . sub_mchid) ?"), "{output}");
    }

    #[test]
    fn emits_the_item_again_on_error() {
        let output = expand(
            quote!(POST, "/v3/orders/<out_order_no>", response = NoContent),
            quote!(
                struct CompleteOrder {
                    #[endpoint(query)]
                    out_trade_no: String,
                }
            ),
        )
        .to_string();
        assert_eq!(output.matches("compile_error").count(), 2, "{output}");
        assert!(output.ends_with("struct CompleteOrder { out_trade_no : String }"), "{output}");
    }

    #[test]
    fn rejects_other_items() {
        let output = expand(
            quote!(GET, "v3/x", response = X),
            quote!(
                fn f() {}
            ),
        )
        .to_string();
        assert!(output.contains("can only be used on a struct"), "{output}");
        assert!(output.ends_with("fn f () { }"), "{output}");
    }
}
