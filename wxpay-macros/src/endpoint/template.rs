//! The path template, e.g. `"v3/payscore/serviceorder/<out_order_no>/complete"`.
//!
//! A pure parser: it knows nothing about the struct. Matching placeholders to fields is
//! `check`'s job.

use std::fmt::Write as _;
use std::ops::Range;

use proc_macro2::{Literal, Span};
use syn::LitStr;

use crate::errors::Errors;

/// Shown for a `?` in the template.
const QUERY: &str =
    "the path template cannot contain `?`; query parameters are fields of the struct";

/// One piece of a parsed template.
pub(crate) enum Segment {
    /// Text sent as written, including its `/` separators.
    Literal(String),
    /// `<name>`: a field whose value fills one whole path segment.
    Placeholder {
        /// The field name between `<` and `>`.
        name: String,
        /// Where the placeholder is written, as narrow as the compiler allows.
        span: Span,
    },
}

/// Parses `lit`, recording every mistake in `errors`. The segments are only meaningful when no
/// error was recorded.
pub(crate) fn parse(errors: &mut Errors, lit: &LitStr) -> Vec<Segment> {
    let source = Source::new(lit);
    let value = source.value.as_str();
    if value.is_empty() {
        errors.push(lit, "the endpoint path cannot be empty");
        return Vec::new();
    }

    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut names: Vec<&str> = Vec::new();
    let mut start = 0;
    for (index, text) in value.split('/').enumerate() {
        let range = start..start + text.len();
        start = range.end + 1;
        if index > 0 {
            literal.push('/');
        }
        if text.is_empty() {
            if index == 0 {
                errors.push_at(
                    source.span(0..1),
                    "endpoint paths are relative to the API base URL; remove the leading `/`",
                );
            } else {
                let slash = range.start - 1..range.start;
                errors.push_at(source.span(slash), "empty path segment; remove the extra `/`");
            }
            continue;
        }
        if let Some((offset, message)) = forbidden_char(text) {
            let at = range.start + offset;
            errors.push_at(source.span(at..at + 1), message);
            continue;
        }
        let span = source.span(range);
        match placeholder(text) {
            Ok(None) => literal.push_str(text),
            Err(message) => errors.push_at(span, message),
            Ok(Some(name)) if names.contains(&name) => {
                errors.push_at(span, format!("placeholder `<{name}>` appears more than once"));
            }
            Ok(Some(name)) => {
                names.push(name);
                segments.push(Segment::Literal(std::mem::take(&mut literal)));
                segments.push(Segment::Placeholder { name: name.to_owned(), span });
            }
        }
    }
    segments.push(Segment::Literal(literal));
    segments.retain(|segment| !matches!(segment, Segment::Literal(text) if text.is_empty()));
    segments
}

/// Reads one path segment: `Ok(None)` for plain text, `Ok(Some(name))` for `<name>`.
fn placeholder(text: &str) -> Result<Option<&str>, String> {
    if !text.contains(['<', '>', '{', '}']) {
        return Ok(None);
    }
    if let (Some(open), Some(close)) = (text.find('{'), text.rfind('}'))
        && open < close
    {
        let name = &text[open + 1..close];
        return Err(format!("write placeholders as `<{name}>`, not `{{{name}}}`"));
    }
    let not_whole = || format!("a placeholder must be a whole path segment, found `{text}`");
    let Some(rest) = text.strip_prefix('<') else {
        return Err(not_whole());
    };
    let Some(close) = rest.find('>') else {
        return Err(format!("unclosed placeholder `{text}`: expected `>`"));
    };
    if close + 1 != rest.len() {
        return Err(not_whole());
    }
    let name = &rest[..close];
    if name.is_empty() {
        return Err("empty placeholder `<>`".to_owned());
    }
    if !is_field_name(name) {
        return Err(format!("`<{name}>` is not a valid field name"));
    }
    Ok(Some(name))
}

/// Whether `name` can be the identifier of a field (without `r#`).
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first && name != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The first character of `text` that may not appear in a path, with the message for it.
fn forbidden_char(text: &str) -> Option<(usize, String)> {
    let (offset, c) = text.char_indices().find(|&(_, c)| !is_path_char(c))?;
    let message = match c {
        '?' => QUERY.to_owned(),
        '#' => "the path template cannot contain `#`; fragments are never sent to the server"
            .to_owned(),
        ' ' => "the path template cannot contain spaces; write `%20` instead".to_owned(),
        c => {
            let mut encoded = String::new();
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                // Writing to a `String` cannot fail.
                let _ = write!(encoded, "%{byte:02X}");
            }
            format!(
                "the path template cannot contain `{}`; write `{encoded}` instead",
                c.escape_debug()
            )
        }
    };
    Some((offset, message))
}

/// Characters allowed in a path segment as written (RFC 3986 `pchar`), plus the placeholder
/// delimiters, which `placeholder` deals with.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%<>{}".contains(c)
}

/// The literal's text plus what is needed to point at a byte range of it.
struct Source<'a> {
    /// The literal as written.
    lit: &'a LitStr,
    /// Its token, for `subspan`.
    token: Literal,
    /// The string value.
    value: String,
    /// Where `value` starts inside the token's source text; `None` if escapes make byte
    /// offsets differ.
    offset: Option<usize>,
}

impl<'a> Source<'a> {
    /// Reads `lit`.
    fn new(lit: &'a LitStr) -> Self {
        let token = lit.token();
        let value = lit.value();
        let repr = token.to_string();
        let offset = repr.find('"').map(|quote| quote + 1).filter(|&start| {
            let end = start + value.len();
            repr.get(start..end) == Some(value.as_str()) && repr[end..].starts_with('"')
        });
        Self { lit, token, value, offset }
    }

    /// The span of `range` of the value, or of the whole literal where the compiler cannot
    /// point inside it (`Literal::subspan` is unstable).
    fn span(&self, range: Range<usize>) -> Span {
        self.offset
            .and_then(|start| self.token.subspan(start + range.start..start + range.end))
            .unwrap_or_else(|| self.lit.span())
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;
    use syn::LitStr;

    use super::{Segment, parse};
    use crate::errors::Errors;

    /// Parses `template`; returns the segments (placeholders as `<name>`) or the messages.
    fn run(template: &str) -> Result<Vec<String>, Vec<String>> {
        let mut errors = Errors::default();
        let segments = parse(&mut errors, &LitStr::new(template, Span::call_site()));
        let segments = segments.into_iter().map(|segment| match segment {
            Segment::Literal(text) => text,
            Segment::Placeholder { name, .. } => format!("<{name}>"),
        });
        errors
            .finish(Ok(segments.collect()))
            .map_err(|error| error.into_iter().map(|error| error.to_string()).collect())
    }

    fn ok(template: &str) -> Vec<String> {
        run(template).unwrap_or_else(|errors| panic!("{template}: {errors:?}"))
    }

    fn errors(template: &str) -> Vec<String> {
        run(template).err().unwrap_or_else(|| panic!("{template}: expected errors"))
    }

    #[test]
    fn splits_literals_and_placeholders() {
        assert_eq!(ok("v3/payscore/serviceorder"), ["v3/payscore/serviceorder"]);
        assert_eq!(
            ok("v3/payscore/partner/serviceorder/<out_order_no>/complete"),
            ["v3/payscore/partner/serviceorder/", "<out_order_no>", "/complete"]
        );
        assert_eq!(ok("<a>/<b>"), ["<a>", "/", "<b>"]);
        assert_eq!(ok("v3/x/<_id2>"), ["v3/x/", "<_id2>"]);
        assert_eq!(ok("v3/a-b_c.d~e/f:g@h%20"), ["v3/a-b_c.d~e/f:g@h%20"]);
    }

    #[test]
    fn rejects_leading_slash_and_empty_segments() {
        assert_eq!(
            errors("/v3/x"),
            ["endpoint paths are relative to the API base URL; remove the leading `/`"]
        );
        assert_eq!(errors("v3//x"), ["empty path segment; remove the extra `/`"]);
        assert_eq!(errors("v3/x/"), ["empty path segment; remove the extra `/`"]);
        assert_eq!(errors(""), ["the endpoint path cannot be empty"]);
    }

    #[test]
    fn rejects_braces() {
        assert_eq!(
            errors("v3/serviceorder/{out_order_no}"),
            ["write placeholders as `<out_order_no>`, not `{out_order_no}`"]
        );
    }

    #[test]
    fn rejects_query_fragment_and_other_characters() {
        assert_eq!(
            errors("v3/x?a=b"),
            ["the path template cannot contain `?`; query parameters are fields of the struct"]
        );
        assert_eq!(
            errors("v3/x#top"),
            ["the path template cannot contain `#`; fragments are never sent to the server"]
        );
        assert_eq!(
            errors("v3/a b"),
            ["the path template cannot contain spaces; write `%20` instead"]
        );
        assert_eq!(
            errors("v3/é"),
            ["the path template cannot contain `é`; write `%C3%A9` instead"]
        );
        assert_eq!(
            errors("v3/a\tb"),
            ["the path template cannot contain `\\t`; write `%09` instead"]
        );
    }

    #[test]
    fn rejects_malformed_placeholders() {
        assert_eq!(errors("v3/<id"), ["unclosed placeholder `<id`: expected `>`"]);
        assert_eq!(errors("v3/<>"), ["empty placeholder `<>`"]);
        assert_eq!(
            errors("v3/order-<id>"),
            ["a placeholder must be a whole path segment, found `order-<id>`"]
        );
        assert_eq!(
            errors("v3/<id>.json"),
            ["a placeholder must be a whole path segment, found `<id>.json`"]
        );
        assert_eq!(errors("v3/id>"), ["a placeholder must be a whole path segment, found `id>`"]);
        assert_eq!(
            errors("v3/<<id>>"),
            ["a placeholder must be a whole path segment, found `<<id>>`"]
        );
        assert_eq!(errors("v3/<<id>"), ["`<<id>` is not a valid field name"]);
        assert_eq!(errors("v3/<out-order-no>"), ["`<out-order-no>` is not a valid field name"]);
        assert_eq!(errors("v3/<1st>"), ["`<1st>` is not a valid field name"]);
        assert_eq!(errors("v3/<_>"), ["`<_>` is not a valid field name"]);
    }

    #[test]
    fn rejects_duplicate_placeholders() {
        assert_eq!(errors("<id>/x/<id>"), ["placeholder `<id>` appears more than once"]);
    }

    #[test]
    fn reports_every_mistake() {
        assert_eq!(
            errors("/v3/{a}/<b/<c>/<c>?"),
            [
                "endpoint paths are relative to the API base URL; remove the leading `/`",
                "write placeholders as `<a>`, not `{a}`",
                "unclosed placeholder `<b`: expected `>`",
                "the path template cannot contain `?`; query parameters are fields of the struct",
            ]
        );
    }
}
