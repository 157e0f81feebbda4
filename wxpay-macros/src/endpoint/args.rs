//! The attribute's arguments: `METHOD, "template", response = Type[, idempotent]`.
//!
//! Parsing is tolerant: a bad argument is recorded and skipped up to the next `,`, and the
//! rest is still read, so that the struct is checked too and every mistake of the item is
//! reported in one run (style guide §2.9). Whatever could not be read stays `None`.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser as _};
use syn::{Ident, LitStr, Token, Type};

use crate::errors::Errors;

/// Shown when the arguments are missing or do not start with a method.
const USAGE: &str = "expected `#[endpoint(METHOD, \"path\", response = Type)]`";

/// Shown when the second argument is not a string literal.
const NOT_A_LITERAL: &str =
    "expected the endpoint path as a string literal, e.g. `\"v3/payscore/serviceorder\"`";

/// Keywords of the argument list.
mod kw {
    syn::custom_keyword!(response);
    syn::custom_keyword!(idempotent);
}

/// The arguments of `#[endpoint(...)]`, as far as they could be read.
#[derive(Default)]
pub(crate) struct Args {
    /// The HTTP method; `None` if it is missing or unsupported.
    pub(crate) method: Option<Method>,
    /// The path template, e.g. `"v3/payscore/serviceorder/<out_order_no>"`.
    pub(crate) template: Option<LitStr>,
    /// The type a verified 2xx response decodes into, as the user wrote it.
    pub(crate) response: Option<Type>,
    /// The `idempotent` keyword, if given.
    pub(crate) idempotent: Option<Span>,
}

/// Reads `tokens` into [`Args`], recording every mistake in `errors`.
pub(crate) fn parse(errors: &mut Errors, tokens: TokenStream) -> Args {
    let mut args = Args::default();
    let parser = |input: ParseStream<'_>| {
        Reader {
            errors: &mut *errors,
            args: &mut args,
            usage_reported: false,
            response_seen: false,
        }
        .read(input);
        Ok(())
    };
    // `read` consumes every token, so this only fails if syn changes; report it all the same.
    if let Err(error) = parser.parse2(tokens) {
        errors.push_error(error);
    }
    args
}

/// The state of one run of [`parse`].
struct Reader<'a> {
    /// Where mistakes go.
    errors: &'a mut Errors,
    /// What was read so far.
    args: &'a mut Args,
    /// Whether the usage line was shown, which makes "missing `response`" redundant.
    usage_reported: bool,
    /// Whether a `response` key was seen, even one whose type did not parse.
    response_seen: bool,
}

impl Reader<'_> {
    /// Reads the method, the template, then the keys.
    fn read(&mut self, input: ParseStream<'_>) {
        if input.is_empty() {
            self.usage(Span::call_site());
            return;
        }
        if is_key(input) || !input.peek(Ident) {
            // No method: `"v3/…", response = …`.
            self.usage(input.span());
        } else {
            match input.parse().and_then(|ident| Method::parse(&ident)) {
                Ok(method) => self.args.method = Some(method),
                Err(error) => self.errors.push_error(error),
            }
            if input.is_empty() {
                self.usage(Span::call_site());
                return;
            }
            if !self.next_argument(input) {
                return self.finish();
            }
        }

        if input.peek(LitStr) {
            match input.parse() {
                Ok(template) => self.args.template = Some(template),
                Err(error) => self.errors.push_error(error),
            }
            if !self.next_argument(input) {
                return self.finish();
            }
        } else if !self.usage_reported {
            self.errors.push_at(input.span(), NOT_A_LITERAL);
            if !is_key(input) {
                skip_to_comma(input);
                if !self.next_argument(input) {
                    return self.finish();
                }
            }
        }

        loop {
            if let Err(error) = self.key(input) {
                self.errors.push_error(error);
                skip_to_comma(input);
            }
            if !self.next_argument(input) {
                return self.finish();
            }
        }
    }

    /// Reads one `key = value` or `key`.
    fn key(&mut self, input: ParseStream<'_>) -> syn::Result<()> {
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::response) {
            let key = input.parse::<kw::response>()?;
            if self.response_seen {
                return Err(syn::Error::new(key.span, "duplicate `response` argument"));
            }
            self.response_seen = true;
            input.parse::<Token![=]>()?;
            self.args.response = Some(input.parse()?);
        } else if lookahead.peek(kw::idempotent) {
            let key = input.parse::<kw::idempotent>()?;
            if !input.is_empty() && !input.peek(Token![,]) {
                return Err(syn::Error::new(
                    key.span,
                    "`idempotent` does not take a value; write `idempotent` alone",
                ));
            }
            if self.args.idempotent.is_some() {
                return Err(syn::Error::new(key.span, "duplicate `idempotent` argument"));
            }
            self.args.idempotent = Some(key.span);
        } else {
            return Err(lookahead.error());
        }
        Ok(())
    }

    /// Consumes the `,` after an argument; if it is missing, reports that and reads on as if
    /// it were there. Returns whether another argument follows.
    fn next_argument(&mut self, input: ParseStream<'_>) -> bool {
        if let Err(error) = input.parse::<Token![,]>() {
            if input.is_empty() {
                return false;
            }
            self.errors.push_error(error);
        }
        !input.is_empty()
    }

    /// Shows the usage line at `span`.
    fn usage(&mut self, span: Span) {
        self.errors.push_at(span, USAGE);
        self.usage_reported = true;
    }

    /// Reports what is missing at the end.
    fn finish(&mut self) {
        if !self.response_seen && !self.usage_reported {
            self.errors.push_at(
                Span::call_site(),
                "missing `response = ...`; use `response = NoContent` for endpoints that return no body",
            );
        }
    }
}

/// Whether the next argument is a key: `key = …`, or the bare `idempotent` keyword.
fn is_key(input: ParseStream<'_>) -> bool {
    input.peek(Ident) && input.peek2(Token![=])
        || input.peek(kw::idempotent) && (input.peek2(Token![,]) || is_last(input))
}

/// Whether only one token tree is left.
fn is_last(input: ParseStream<'_>) -> bool {
    input.cursor().token_tree().is_some_and(|(_, rest)| rest.eof())
}

/// Skips to the next top-level `,` (or the end), leaving the `,` in place.
fn skip_to_comma(input: ParseStream<'_>) {
    let skipped = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
    debug_assert!(skipped.is_ok(), "the step above never fails");
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

    use super::{Args, Method, parse};
    use crate::errors::Errors;

    /// The arguments read and the messages recorded.
    fn run(tokens: TokenStream) -> (Args, Vec<String>) {
        let mut errors = Errors::default();
        let args = parse(&mut errors, tokens);
        let messages = match errors.finish(Ok(())) {
            Ok(()) => Vec::new(),
            Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
        };
        (args, messages)
    }

    fn errors(tokens: TokenStream) -> Vec<String> {
        run(tokens).1
    }

    const USAGE: &str = "expected `#[endpoint(METHOD, \"path\", response = Type)]`";
    const MISSING: &str = "missing `response = ...`; use `response = NoContent` for endpoints \
                           that return no body";

    #[test]
    fn parses_all_arguments() {
        let (args, errors) =
            run(quote!(PATCH, "v3/a/<id>", response = Map<String, u8>, idempotent,));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(args.method, Some(Method::Patch));
        assert_eq!(args.template.map(|t| t.value()).as_deref(), Some("v3/a/<id>"));
        assert_eq!(
            args.response.map(|r| r.to_token_stream().to_string()).as_deref(),
            Some("Map < String , u8 >")
        );
        assert!(args.idempotent.is_some());
        let (args, errors) = run(quote!(POST, "v3/a", idempotent, response = X));
        assert!(errors.is_empty(), "{errors:?}");
        assert!(args.idempotent.is_some() && args.response.is_some());
        assert!(run(quote!(GET, "v3/a", response = X)).0.idempotent.is_none());
    }

    #[test]
    fn reports_each_mistake() {
        assert_eq!(errors(quote!()), [USAGE]);
        assert_eq!(errors(quote!(POST)), [USAGE]);
        assert_eq!(errors(quote!("v3/a", response = X)), [USAGE]);
        assert_eq!(errors(quote!(response = X)), [USAGE]);
        assert_eq!(
            errors(quote!(post, "v3/a", response = X)),
            ["HTTP methods are written in upper case: `POST`"]
        );
        assert!(
            errors(quote!(FETCH, "v3/a", response = X))[0]
                .starts_with("unsupported HTTP method `FETCH`")
        );
        assert!(
            errors(quote!(GET, PATH, response = X))[0].starts_with("expected the endpoint path")
        );
        assert!(errors(quote!(GET, response = X))[0].starts_with("expected the endpoint path"));
        assert_eq!(errors(quote!(GET, "v3/a")), [MISSING]);
        assert_eq!(
            errors(quote!(GET, "v3/a", reponse = X)),
            ["expected `response` or `idempotent`", MISSING]
        );
        assert_eq!(
            errors(quote!(GET, "v3/a", response = X, response = Y)),
            ["duplicate `response` argument"]
        );
        assert_eq!(
            errors(quote!(POST, "v3/a", response = X, idempotent = true)),
            ["`idempotent` does not take a value; write `idempotent` alone"]
        );
        assert_eq!(
            errors(quote!(POST, "v3/a", idempotent, response = X, idempotent)),
            ["duplicate `idempotent` argument"]
        );
        assert_eq!(errors(quote!(POST "v3/a", response = X)), ["expected `,`"]);
        assert_eq!(errors(quote!(POST, "v3/a" response = X)), ["expected `,`"]);
        assert_eq!(
            errors(quote!(POST, "v3/a", response = X Y)),
            ["expected `,`", "expected `response` or `idempotent`"]
        );
    }

    #[test]
    fn keeps_reading_after_a_mistake() {
        let (args, errors) =
            run(quote!(get, COMPLETE, response = (), idempotent = 1, response = Y));
        assert_eq!(
            errors,
            [
                "HTTP methods are written in upper case: `GET`",
                "expected the endpoint path as a string literal, e.g. `\"v3/payscore/serviceorder\"`",
                "`idempotent` does not take a value; write `idempotent` alone",
                "duplicate `response` argument",
            ]
        );
        assert!(args.method.is_none() && args.template.is_none() && args.idempotent.is_none());
        assert_eq!(args.response.map(|r| r.to_token_stream().to_string()).as_deref(), Some("()"));
        let (args, errors) = run(quote!(FETCH, "v3/<id>", response = X));
        assert_eq!(errors.len(), 1);
        assert_eq!(args.template.map(|t| t.value()).as_deref(), Some("v3/<id>"));
    }
}
