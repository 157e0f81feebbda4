//! `#[endpoint(METHOD, "template", response = Type)]`: parse, check, then expand.
//!
//! On any error the struct is emitted again as written, next to one `compile_error!` per mistake,
//! so a broken attribute never causes follow-on errors about a missing struct. Only attributes
//! that nothing would recognize without our expansion are left out.

mod args;
mod check;
mod expand;
mod template;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::{Attribute, Data, DeriveInput, Field};

/// Expands `#[endpoint(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    // The item is parsed first so that it can be emitted again whatever is wrong with `args`.
    let Ok(mut input) = syn::parse2::<DeriveInput>(item.clone()) else {
        // rustc has already parsed the item, so this is some other kind of item, e.g. a `fn`.
        return fallback(syn::Error::new(Span::call_site(), check::NOT_A_STRUCT), item);
    };
    let endpoint = check::check(&input, args);
    // Our field attributes go in any case: rustc would take them for a misplaced attribute macro.
    retain_field_attributes(&mut input, |attr| !attr.path().is_ident("endpoint"));
    match endpoint {
        Ok(endpoint) => expand::expand(input, &endpoint),
        Err(error) => {
            // Without our `Serialize` derive, `#[serde]` is an unknown attribute unless one of the
            // user's derives registers it: drop it then, so that the errors come alone.
            if !check::derives_serde(&input) {
                let keep = |attr: &Attribute| !attr.path().is_ident("serde");
                input.attrs.retain(keep);
                retain_field_attributes(&mut input, keep);
            }
            fallback(error, input.into_token_stream())
        }
    }
}

/// The output on error: every error, then the item.
fn fallback(error: syn::Error, item: TokenStream) -> TokenStream {
    let mut tokens = error.into_compile_error();
    tokens.extend(item);
    tokens
}

/// Keeps the attributes of fields and enum variants for which `keep` returns `true`.
fn retain_field_attributes(input: &mut DeriveInput, keep: impl Fn(&Attribute) -> bool) {
    let fields: Vec<&mut Field> = match &mut input.data {
        Data::Struct(data) => data.fields.iter_mut().collect(),
        Data::Enum(data) => data
            .variants
            .iter_mut()
            .flat_map(|variant| {
                variant.attrs.retain(&keep);
                variant.fields.iter_mut()
            })
            .collect(),
        Data::Union(data) => data.fields.named.iter_mut().collect(),
    };
    for field in fields {
        field.attrs.retain(&keep);
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
        assert!(output.ends_with("struct CompleteOrder { out_trade_no : String , }"), "{output}");
    }

    #[test]
    fn drops_serde_attributes_on_error_unless_registered() {
        let args = quote!(GET, "v3/<id>", response = X);
        let output = expand(
            args.clone(),
            quote!(
                #[serde(rename_all = "camelCase")]
                struct X {
                    #[serde(rename = "b")]
                    a: u8,
                }
            ),
        );
        let output = output.to_string();
        assert!(!output.contains("serde"), "{output}");
        assert!(output.ends_with("struct X { a : u8 , }"), "{output}");
        let output = expand(
            args,
            quote!(
                #[derive(serde::Deserialize)]
                struct X {
                    #[serde(rename = "b")]
                    a: u8,
                }
            ),
        );
        assert!(output.to_string().contains("# [serde (rename = \"b\")] a : u8"), "{output}");
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
