//! The error accumulator every check writes to, so one run reports every mistake at once.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Errors collected while checking one `#[endpoint]` item.
#[must_use = "call `finish` to report the collected errors"]
#[derive(Default)]
pub(crate) struct Errors(Vec<syn::Error>);

impl Errors {
    /// Records `message`, spanned on `tokens`.
    pub(crate) fn push(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.0.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records `message` at `span`.
    pub(crate) fn push_at(&mut self, span: Span, message: impl Display) {
        self.0.push(syn::Error::new(span, message));
    }

    /// Records an error that a parser returned.
    pub(crate) fn push_error(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// Returns `result` if nothing was recorded; otherwise every error, the one in `result`
    /// (if any) first.
    pub(crate) fn finish<T>(self, result: syn::Result<T>) -> syn::Result<T> {
        let mut recorded = self.0.into_iter();
        let mut first = match result {
            Err(error) => error,
            Ok(value) => match recorded.next() {
                Some(error) => error,
                None => return Ok(value),
            },
        };
        for error in recorded {
            first.combine(error);
        }
        Err(first)
    }
}
