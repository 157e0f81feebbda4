//! The attribute's arguments: `METHOD, "template", response = Type`.
//!
//! Parsing stops at the first problem, as syn's parsers do; the checks that follow collect.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token, Type};

/// Shown when the arguments are missing or do not start with a method.
const USAGE: &str = "expected `#[endpoint(METHOD, \"path\", response = Type)]`";

/// Keywords of the argument list.
mod kw {
    syn::custom_keyword!(response);
}

/// The parsed arguments of `#[endpoint(...)]`.
pub(crate) struct Args {
    /// The HTTP method.
    pub(crate) method: Method,
    /// The path template, e.g. `"v3/payscore/serviceorder/<out_order_no>"`.
    pub(crate) template: LitStr,
    /// The type a verified 2xx response decodes into, as the user wrote it.
    pub(crate) response: Type,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(Span::call_site(), USAGE));
        }
        if !input.peek(Ident) {
            return Err(input.error(USAGE));
        }
        let method = Method::parse(&input.parse()?)?;
        if input.is_empty() {
            return Err(syn::Error::new(Span::call_site(), USAGE));
        }
        input.parse::<Token![,]>()?;
        if !input.peek(LitStr) {
            return Err(input.error(
                "expected the endpoint path as a string literal, e.g. `\"v3/payscore/serviceorder\"`",
            ));
        }
        let template = input.parse()?;

        let mut response = None;
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let lookahead = input.lookahead1();
            if !lookahead.peek(kw::response) {
                return Err(lookahead.error());
            }
            let key = input.parse::<kw::response>()?;
            if response.is_some() {
                return Err(syn::Error::new(key.span, "duplicate `response` argument"));
            }
            input.parse::<Token![=]>()?;
            response = Some(input.parse()?);
        }
        let response = response.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "missing `response = ...`; use `response = NoContent` for endpoints that return no body",
            )
        })?;
        Ok(Self { method, template, response })
    }
}

/// An HTTP method, written in upper case as in the API's documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Every method, in the order error messages list them.
    const ALL: [Self; 5] = [Self::Get, Self::Post, Self::Put, Self::Patch, Self::Delete];

    /// Reads the method from its identifier, e.g. `POST`.
    fn parse(ident: &Ident) -> syn::Result<Self> {
        let name = ident.to_string();
        if let Some(method) = Self::ALL.into_iter().find(|method| method.as_str() == name) {
            return Ok(method);
        }
        let message = match Self::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(&name)) {
            Some(method) => {
                format!("HTTP methods are written in upper case: `{}`", method.as_str())
            }
            None => format!(
                "unsupported HTTP method `{name}`; expected one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`"
            ),
        };
        Err(syn::Error::new(ident.span(), message))
    }

    /// The method as written in the attribute, e.g. `"POST"`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// The name of the matching `wxpay_core::Method` variant, e.g. `"Post"`.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Self::Get => "Get",
            Self::Post => "Post",
            Self::Put => "Put",
            Self::Patch => "Patch",
            Self::Delete => "Delete",
        }
    }

    /// Whether the non-path fields travel in a JSON body rather than in the query string.
    pub(crate) fn has_body(self) -> bool {
        match self {
            Self::Post | Self::Put | Self::Patch => true,
            Self::Get | Self::Delete => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::{ToTokens, quote};

    use super::{Args, Method};

    fn parse(tokens: TokenStream) -> Result<Args, String> {
        syn::parse2::<Args>(tokens).map_err(|error| error.to_string())
    }

    fn error(tokens: TokenStream) -> String {
        match parse(tokens) {
            Ok(_) => panic!("expected an error"),
            Err(error) => error,
        }
    }

    #[test]
    fn parses_all_arguments() {
        let args = match parse(quote!(PATCH, "v3/a/<id>", response = Order,)) {
            Ok(args) => args,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(args.method, Method::Patch);
        assert_eq!(args.template.value(), "v3/a/<id>");
        assert_eq!(args.response.to_token_stream().to_string(), "Order");
    }

    #[test]
    fn reports_the_first_mistake() {
        let usage = "expected `#[endpoint(METHOD, \"path\", response = Type)]`";
        assert_eq!(error(quote!()), usage);
        assert_eq!(error(quote!(POST)), usage);
        assert_eq!(error(quote!("v3/a", response = X)), usage);
        assert_eq!(
            error(quote!(post, "v3/a", response = X)),
            "HTTP methods are written in upper case: `POST`"
        );
        assert!(
            error(quote!(FETCH, "v3/a", response = X))
                .starts_with("unsupported HTTP method `FETCH`")
        );
        assert!(error(quote!(GET, PATH, response = X)).starts_with("expected the endpoint path"));
        assert!(error(quote!(GET, "v3/a")).starts_with("missing `response = ...`"));
        assert_eq!(error(quote!(GET, "v3/a", reponse = X)), "expected `response`");
        assert_eq!(
            error(quote!(GET, "v3/a", response = X, response = Y)),
            "duplicate `response` argument"
        );
    }
}
