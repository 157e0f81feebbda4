//! The output for a checked item.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, parse_quote};

use super::check::{Endpoint, PathPart};

/// The struct with our `Serialize` derive, `skip_serializing` on its path and query fields and
/// `skip_serializing_if` on its `Option` fields, its `Endpoint` impl, and its `execute` method.
pub(crate) fn expand(mut input: DeriveInput, endpoint: &Endpoint) -> TokenStream {
    skip_serializing(&mut input, endpoint);
    let ident = &input.ident;
    let vis = &input.vis;

    let method = format_ident!("{}", endpoint.method.variant());
    let idempotent = endpoint.idempotent.then(|| {
        quote!(
            const IDEMPOTENT: bool = true;
        )
    });
    let template = &endpoint.template;
    let response = &endpoint.response;
    // Spanned at the user's type, so "cannot be used as an endpoint response" lands there.
    let response = quote_spanned!(response.span()=> type Response = #response;);
    let path = endpoint.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(out.push_str(#text);),
        // Spanned at the field, so "cannot be used as a path parameter" lands there.
        PathPart::Field(field) => quote_spanned! {field.span()=>
            ::wxpay_core::__private::push_segment(out, &self.#field);
        },
    });
    let write_query_fields = (!endpoint.query.is_empty()).then(|| {
        let pushes = endpoint.query.iter().map(|field| {
            let (name, ident) = (&field.name, &field.ident);
            // Spanned at the field, so a type that is not `Serialize` is reported there.
            quote_spanned!(ident.span()=> query.push(#name, &self.#ident)?;)
        });
        quote! {
            fn write_query_fields(
                &self,
                query: &mut ::wxpay_core::__private::QueryWriter,
            ) -> ::std::result::Result<(), ::wxpay_core::Error> {
                #(#pushes)*
                ::std::result::Result::Ok(())
            }
        }
    });

    quote! {
        #[derive(::wxpay_core::__private::serde::Serialize)]
        #[serde(crate = "::wxpay_core::__private::serde")]
        #input

        const _: () = {
            #[automatically_derived]
            impl ::wxpay_core::Endpoint for #ident {
                const METHOD: ::wxpay_core::Method = ::wxpay_core::Method::#method;
                const PATH_TEMPLATE: &'static str = #template;
                #idempotent
                #response

                fn write_path(&self, out: &mut ::std::string::String) {
                    #(#path)*
                }

                #write_query_fields
            }
        };

        impl #ident {
            /// Signs and sends this request with `client`, then verifies and decodes the response.
            ///
            /// # Errors
            ///
            /// Returns an error if building, sending, verifying or decoding fails.
            #vis async fn execute<T: ::wxpay_core::Transport>(
                &self,
                client: &::wxpay_core::Client<T>,
            ) -> ::std::result::Result<<Self as ::wxpay_core::Endpoint>::Response, ::wxpay_core::Error> {
                client.execute(self).await
            }
        }
    }
}

/// Adds `#[serde(skip_serializing)]` to the fields that travel in the path or the query string:
/// they must not appear in the body (or, for `GET`, a second time in the query).
fn skip_serializing(input: &mut DeriveInput, endpoint: &Endpoint) {
    let Data::Struct(data) = &mut input.data else { return };
    let path = endpoint.path.iter().filter_map(|part| match part {
        PathPart::Field(ident) => Some(ident),
        PathPart::Literal(_) => None,
    });
    let skipped: Vec<_> = path.chain(endpoint.query.iter().map(|field| &field.ident)).collect();
    for field in &mut data.fields {
        let Some(ident) = &field.ident else { continue };
        if skipped.contains(&ident) {
            field.attrs.push(parse_quote!(#[serde(skip_serializing)]));
        } else if endpoint.skip_none.contains(ident) {
            // WeChat refuses `null` ("值不能为null"): a `None` is left out, body and query alike.
            field.attrs.push(parse_quote!(
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
            ));
        }
    }
}
