//! Items used by code that `#[endpoint]` generates. Not public API: no semver guarantees.

use std::fmt::{Display, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::{Error, error::BuildError};

pub use serde;

/// Characters percent-encoded in a path segment: everything except the RFC 3986 unreserved
/// characters `A-Z a-z 0-9 - . _ ~`.
///
/// A superset of the WHATWG path set plus `/` and `%`, so a value can never leave its
/// segment; it also encodes `|` and `*` as `%7C` and `%2A` as protocol §10.1 recommends
/// (WeChat's Go SDK does the same with `url.PathEscape`).
pub const PATH_SEGMENT: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A value that can fill a path placeholder: anything that implements `Display`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a path parameter",
    label = "used in the path template",
    note = "path parameters are formatted with `Display`: implement `std::fmt::Display` for `{Self}` or use `String`"
)]
pub trait PathParam {
    /// Writes the value, percent-encoded as one path segment, to `out`.
    fn write_segment(&self, out: &mut String);
}

impl<T: Display + ?Sized> PathParam for T {
    fn write_segment(&self, out: &mut String) {
        struct Encode<'a>(&'a mut String);
        impl std::fmt::Write for Encode<'_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                for part in utf8_percent_encode(s, PATH_SEGMENT) {
                    self.0.push_str(part);
                }
                Ok(())
            }
        }
        // Writing into a `String` cannot fail; a `Display` impl that errors writes a prefix.
        let _ = write!(Encode(out), "{self}");
    }
}

/// Appends `value` to `out` as one percent-encoded path segment.
pub fn push_segment<P: PathParam + ?Sized>(out: &mut String, value: &P) {
    value.write_segment(out);
}

/// Collects the query parameters of body methods (`#[endpoint(query)]` fields).
#[derive(Debug, Default)]
pub struct QueryWriter {
    pairs: String,
}

impl QueryWriter {
    /// Appends `name=value`, form-encoded; `None` values are skipped.
    ///
    /// # Errors
    ///
    /// Returns an error if `value` is not a flat scalar.
    pub fn push<V: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &V,
    ) -> Result<(), Error> {
        let encoded = serde_urlencoded::to_string([(name, value)]).map_err(BuildError::Query)?;
        if !encoded.is_empty() {
            if !self.pairs.is_empty() {
                self.pairs.push('&');
            }
            self.pairs.push_str(&encoded);
        }
        Ok(())
    }

    pub(crate) fn into_string(self) -> String {
        self.pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(value: &str) -> String {
        let mut out = String::new();
        push_segment(&mut out, value);
        out
    }

    #[test]
    fn segments_cannot_escape() {
        assert_eq!(seg("a/b c%"), "a%2Fb%20c%25");
        assert_eq!(seg("?#"), "%3F%23");
        assert_eq!(seg(".."), "..");
        assert_eq!(seg("订单"), "%E8%AE%A2%E5%8D%95");
        assert_eq!(seg("A1_b-c"), "A1_b-c");
        assert_eq!(seg("a|b*c@d"), "a%7Cb%2Ac%40d");
    }

    #[test]
    fn query_writer_skips_none() {
        let mut q = QueryWriter::default();
        q.push("sub_mchid", "1900000109").unwrap();
        q.push("x", &None::<String>).unwrap();
        q.push("y", &Some("a b&c")).unwrap();
        assert_eq!(q.into_string(), "sub_mchid=1900000109&y=a+b%26c");
    }
}
