//! Checks of the struct and of how it fits the arguments: its shape, its derives, its field
//! attributes and the matching of placeholders to fields. Every mistake is recorded; none stops
//! the others from being found.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt as _;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Field, Fields, Ident, LitStr, Meta, Path, Token, Type};

use super::args::{self, Method};
use super::template::{self, Segment};
use crate::errors::Errors;

/// Shown for anything but a struct with named fields.
pub(crate) const NOT_A_STRUCT: &str =
    "`#[endpoint]` can only be used on a struct with named fields";

/// Everything the expansion needs, taken from a checked item.
pub(crate) struct Endpoint {
    /// The HTTP method.
    pub(crate) method: Method,
    /// The path template as written.
    pub(crate) template: LitStr,
    /// The response type as written.
    pub(crate) response: Type,
    /// The path, in order.
    pub(crate) path: Vec<PathPart>,
    /// Fields marked `#[endpoint(query)]`.
    pub(crate) query: Vec<QueryField>,
    /// Whether the endpoint was declared `idempotent`.
    pub(crate) idempotent: bool,
    /// The `Option` fields of the body or the `GET`/`DELETE` query that get
    /// `skip_serializing_if`: every one the user left without a `skip*` attribute of their own.
    pub(crate) skip_none: Vec<Ident>,
}

/// A piece of the path.
pub(crate) enum PathPart {
    /// Text sent as written.
    Literal(String),
    /// The field that fills a placeholder.
    Field(Ident),
}

/// A field sent in the query string of a body method.
pub(crate) struct QueryField {
    /// The parameter name: the field name without `r#`.
    pub(crate) name: String,
    /// The field.
    pub(crate) ident: Ident,
}

/// A named field and what its `#[endpoint(...)]` attributes say.
struct FieldInfo<'a> {
    /// The field.
    field: &'a Field,
    /// Its identifier.
    ident: &'a Ident,
    /// The identifier without `r#`, as placeholders and query parameters spell it.
    name: String,
    /// The `query` keyword, if the field is marked `#[endpoint(query)]`.
    query: Option<Span>,
    /// What its `#[serde(...)]` attributes say.
    serde: SerdeField,
}

/// The parts of a field's `#[serde(...)]` attributes that the macro cares about.
#[derive(Default)]
struct SerdeField {
    /// A `rename` (`rename = "…"` or `rename(serialize = "…")`), as written.
    rename: Option<Meta>,
    /// Whether a `skip`, `skip_serializing` or `skip_serializing_if` is present.
    skips: bool,
}

impl SerdeField {
    /// Reads the field's `#[serde(...)]` attributes. Malformed ones are left to serde.
    fn read(field: &Field) -> Self {
        let mut found = Self::default();
        let metas = field
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("serde"))
            .filter_map(|attr| {
                attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated).ok()
            })
            .flatten();
        for meta in metas {
            let path = meta.path();
            if path.is_ident("rename") {
                found.rename.get_or_insert(meta);
            } else if ["skip", "skip_serializing", "skip_serializing_if"]
                .iter()
                .any(|name| path.is_ident(name))
            {
                found.skips = true;
            }
        }
        found
    }
}

/// Reads `args` and checks `input` against them. Every mistake is reported, those in the
/// arguments first.
pub(crate) fn check(input: &DeriveInput, args: TokenStream) -> syn::Result<Endpoint> {
    let mut errors = Errors::default();
    let args = args::parse(&mut errors, args);
    if let Some(response) = &args.response {
        check_response(&mut errors, response);
    }
    if let (Some(Method::Get), Some(keyword)) = (args.method, args.idempotent) {
        errors.push_at(
            keyword,
            "`GET` endpoints are always retried, `idempotent` is redundant; remove it",
        );
    }
    let segments = args.template.as_ref().map(|lit| template::parse(&mut errors, lit));
    let fields = check_struct(&mut errors, input);
    let placed = check_fields(&mut errors, &input.ident, fields.as_deref(), args.method, segments);
    let endpoint = match (args.method, args.template, args.response, placed) {
        (Some(method), Some(template), Some(response), Some((path, query, skip_none))) => {
            Ok(Endpoint {
                method,
                template,
                response,
                path,
                query,
                idempotent: args.idempotent.is_some(),
                skip_none,
            })
        }
        // Whatever is missing was reported.
        _ => Err(syn::Error::new(Span::call_site(), "invalid `#[endpoint]` arguments")),
    };
    errors.finish(Ok(())).and(endpoint)
}

/// Rejects `response = ()`: `()` deserializes from JSON `null` only, so it would fail at run time.
fn check_response(errors: &mut Errors, response: &Type) {
    if matches!(response, Type::Tuple(tuple) if tuple.elems.is_empty()) {
        errors.push(
            response,
            "`()` is not a response type; use `response = NoContent` for endpoints that return no body",
        );
    }
}

/// Checks the parts of the struct that do not depend on the arguments. Returns its fields, or
/// `None` if it has no named fields.
fn check_struct<'a>(errors: &mut Errors, input: &'a DeriveInput) -> Option<Vec<FieldInfo<'a>>> {
    if !input.generics.params.is_empty() {
        errors.push(&input.generics, "`#[endpoint]` does not support generic parameters");
    }
    for path in derives(input).filter(|path| is_named(path, "Serialize")) {
        errors.push(
            path,
            "`#[endpoint]` derives `Serialize` itself; remove it from this `#[derive]`",
        );
    }
    let Data::Struct(data) = &input.data else {
        errors.push(&input.ident, NOT_A_STRUCT);
        return None;
    };
    let Fields::Named(fields) = &data.fields else {
        errors.push(&input.ident, NOT_A_STRUCT);
        return None;
    };
    let fields = fields.named.iter().filter_map(|field| {
        let ident = field.ident.as_ref()?;
        let name = ident.unraw().to_string();
        let query = query_attribute(errors, field);
        Some(FieldInfo { field, ident, name, query, serde: SerdeField::read(field) })
    });
    Some(fields.collect())
}

/// Whether one of the user's derives is serde's, which registers the `#[serde]` attribute.
pub(crate) fn derives_serde(input: &DeriveInput) -> bool {
    derives(input).any(|path| is_named(&path, "Serialize") || is_named(&path, "Deserialize"))
}

/// The paths in the item's `#[derive(...)]` attributes. Malformed ones are left to rustc.
fn derives(input: &DeriveInput) -> impl Iterator<Item = Path> {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .filter_map(|attr| {
            attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated).ok()
        })
        .flatten()
}

/// Whether the last segment of `path` is `name`, e.g. `serde::Serialize` for `Serialize`.
fn is_named(path: &Path, name: &str) -> bool {
    path.segments.last().is_some_and(|segment| segment.ident == name)
}

/// Reads the field's `#[endpoint(...)]` attributes: returns the `query` keyword, if present.
fn query_attribute(errors: &mut Errors, field: &Field) -> Option<Span> {
    let mut query = None;
    for attr in field.attrs.iter().filter(|attr| attr.path().is_ident("endpoint")) {
        let mut empty = true;
        let result = match &attr.meta {
            Meta::List(list) => list.parse_nested_meta(|meta| {
                empty = false;
                if !meta.path.is_ident("query") {
                    let key = meta.path.to_token_stream().to_string().replace(' ', "");
                    return Err(meta.error(format!(
                        "unknown endpoint field attribute `{key}`; expected `query`"
                    )));
                }
                if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
                    return Err(meta.error("`query` does not take a value"));
                }
                if query.is_some() {
                    errors.push(&meta.path, "duplicate `query` attribute");
                } else {
                    query = Some(meta.path.span());
                }
                Ok(())
            }),
            Meta::Path(_) | Meta::NameValue(_) => Ok(()),
        };
        match result {
            Err(error) => errors.push_error(error),
            Ok(()) if empty => errors.push(attr, "expected `#[endpoint(query)]`"),
            Ok(()) => {}
        }
    }
    query
}

/// What [`check_fields`] finds: the path, the `#[endpoint(query)]` fields and the `Option`
/// fields to skip when `None`.
type Placed = (Vec<PathPart>, Vec<QueryField>, Vec<Ident>);

/// Matches placeholders to fields and checks the field attributes against the method.
/// `fields` is `None` when the item has no named fields, `method` and `segments` when the
/// arguments did not give them: all of that was already reported. Returns `None` if the path
/// or the method is unknown.
fn check_fields(
    errors: &mut Errors,
    struct_name: &Ident,
    fields: Option<&[FieldInfo<'_>]>,
    method: Option<Method>,
    segments: Option<Vec<Segment>>,
) -> Option<Placed> {
    let candidates = fields.unwrap_or_default();
    let mut path = Vec::new();
    let mut path_fields = Vec::new();
    let known_path = segments.is_some();
    for segment in segments.into_iter().flatten() {
        let (name, span) = match segment {
            Segment::Literal(text) => {
                path.push(PathPart::Literal(text));
                continue;
            }
            Segment::Placeholder { name, span } => (name, span),
        };
        let Some(field) = candidates.iter().find(|field| field.name == name) else {
            if let Some(fields) = fields {
                let hint = suggest(&name, fields).map(|s| format!("; did you mean `{s}`?"));
                errors.push_at(
                    span,
                    format!(
                        "placeholder `<{name}>` does not match any field of `{struct_name}`{}",
                        hint.unwrap_or_default()
                    ),
                );
            }
            continue;
        };
        if is_option(&field.field.ty) {
            errors.push(
                &field.field.ty,
                format!(
                    "path parameter `{name}` cannot be an `Option`; every placeholder needs a value"
                ),
            );
        }
        if let Some(query) = field.query {
            errors.push_at(
                query,
                format!("path parameter `{name}` cannot also be a query parameter"),
            );
        }
        if let Some(rename) = &field.serde.rename {
            errors.push(
                rename,
                format!(
                    "`#[serde(rename)]` has no effect on path parameter `{name}`: the placeholder \
                     names the field itself; remove it"
                ),
            );
        }
        path_fields.push(field.ident);
        path.push(PathPart::Field(field.ident.clone()));
    }

    let mut query = Vec::new();
    let mut skip_none = Vec::new();
    for field in candidates.iter().filter(|field| !path_fields.contains(&field.ident)) {
        let Some(keyword) = field.query else {
            if is_option(&field.field.ty) && !field.serde.skips {
                skip_none.push(field.ident.clone());
            }
            continue;
        };
        if let Some(rename) = &field.serde.rename {
            errors.push(
                rename,
                format!(
                    "`#[serde(rename)]` has no effect on query parameter `{}`: it is sent under \
                     its field name; rename the field instead (`r#` works for keywords)",
                    field.name
                ),
            );
        }
        match method {
            Some(method) if method.has_body() => {
                query.push(QueryField { name: field.name.clone(), ident: field.ident.clone() });
            }
            Some(method) => errors.push_at(
                keyword,
                format!(
                    "fields of `{}` endpoints are already query parameters; remove `#[endpoint(query)]`",
                    method.as_str()
                ),
            ),
            None => {}
        }
    }
    (known_path && method.is_some()).then_some((path, query, skip_none))
}

/// Whether `ty` is written as an `Option`.
fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(ty) => {
            ty.qself.is_none() && ty.path.segments.last().is_some_and(|s| s.ident == "Option")
        }
        Type::Group(group) => is_option(&group.elem),
        Type::Paren(paren) => is_option(&paren.elem),
        _ => false,
    }
}

/// The field the user probably meant by placeholder `name`: one spelled the same but for case
/// and underscores, else the closest within a few edits (rustc's rule of thumb: a third of the
/// length, at most 3, and never all of it).
fn suggest<'a>(name: &str, fields: &'a [FieldInfo<'_>]) -> Option<&'a str> {
    let squash = |s: &str| s.replace('_', "").to_ascii_lowercase();
    let max = (name.len().max(3) / 3).min(3);
    let same = fields.iter().find(|field| squash(&field.name) == squash(name));
    let close = || {
        fields
            .iter()
            .map(|field| (edit_distance(name, &field.name), field))
            .filter(|&(distance, _)| distance <= max && distance < name.len())
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, field)| field)
    };
    same.or_else(close).map(|field| field.name.as_str())
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;
    use syn::DeriveInput;

    use super::{Endpoint, PathPart, check, edit_distance};

    /// Runs every check; returns the endpoint or the messages.
    fn run(args: TokenStream, item: TokenStream) -> Result<Endpoint, Vec<String>> {
        let input: DeriveInput = syn::parse2(item).map_err(|error| vec![error.to_string()])?;
        check(&input, args)
            .map_err(|error| error.into_iter().map(|error| error.to_string()).collect())
    }

    fn errors(args: TokenStream, item: TokenStream) -> Vec<String> {
        run(args, item).err().unwrap_or_else(|| panic!("expected errors"))
    }

    #[test]
    fn builds_the_model() {
        let endpoint = run(
            quote!(POST, "v3/x/<type>/<id>", response = NoContent),
            quote!(
                struct X {
                    r#type: String,
                    id: u64,
                    #[endpoint(query)]
                    r#ref: String,
                    body: u8,
                }
            ),
        )
        .unwrap_or_else(|errors| panic!("{errors:?}"));
        let path: Vec<String> = endpoint
            .path
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => text.clone(),
                PathPart::Field(ident) => format!("self.{ident}"),
            })
            .collect();
        assert_eq!(path, ["v3/x/", "self.r#type", "/", "self.id"]);
        assert_eq!(endpoint.query.len(), 1);
        assert_eq!(endpoint.query[0].name, "ref");
        assert_eq!(endpoint.query[0].ident, "r#ref");
    }

    #[test]
    fn suggests_close_field_names() {
        let struct_ = quote!(
            struct CompleteServiceOrder {
                out_trade_no: String,
                service_id: String,
            }
        );
        assert_eq!(
            errors(quote!(POST, "v3/<out_order_no>", response = X), struct_.clone()),
            ["placeholder `<out_order_no>` does not match any field of `CompleteServiceOrder`; \
              did you mean `out_trade_no`?"]
        );
        assert_eq!(
            errors(quote!(POST, "v3/<serviceId>", response = X), struct_.clone()),
            ["placeholder `<serviceId>` does not match any field of `CompleteServiceOrder`; \
              did you mean `service_id`?"]
        );
        assert_eq!(
            errors(quote!(POST, "v3/<appid>", response = X), struct_),
            ["placeholder `<appid>` does not match any field of `CompleteServiceOrder`"]
        );
        assert_eq!(edit_distance("out_order_no", "out_trade_no"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn reports_every_mistake_at_once() {
        assert_eq!(
            errors(
                quote!(GET, "/v3/<a>/<b>", response = ()),
                quote! {
                    #[derive(Clone, serde::Serialize)]
                    struct X<T> {
                        id: Option<T>,
                        #[endpoint(query)]
                        q: u8,
                        #[endpoint(query, query)]
                        #[endpoint(path)]
                        r: u8,
                        #[endpoint(query = true)]
                        s: u8,
                        #[endpoint]
                        t: u8,
                    }
                },
            ),
            [
                "`()` is not a response type; use `response = NoContent` for endpoints that \
                 return no body",
                "endpoint paths are relative to the API base URL; remove the leading `/`",
                "`#[endpoint]` does not support generic parameters",
                "`#[endpoint]` derives `Serialize` itself; remove it from this `#[derive]`",
                "duplicate `query` attribute",
                "unknown endpoint field attribute `path`; expected `query`",
                "`query` does not take a value",
                "expected `#[endpoint(query)]`",
                "placeholder `<a>` does not match any field of `X`",
                "placeholder `<b>` does not match any field of `X`",
                "fields of `GET` endpoints are already query parameters; remove `#[endpoint(query)]`",
                "fields of `GET` endpoints are already query parameters; remove `#[endpoint(query)]`",
            ]
        );
    }

    #[test]
    fn checks_path_fields() {
        assert_eq!(
            errors(
                quote!(POST, "v3/<id>", response = X),
                quote!(
                    struct X {
                        #[endpoint(query)]
                        id: ::std::option::Option<String>,
                    }
                ),
            ),
            [
                "path parameter `id` cannot be an `Option`; every placeholder needs a value",
                "path parameter `id` cannot also be a query parameter",
            ]
        );
    }

    #[test]
    fn checks_the_shape() {
        let message = "`#[endpoint]` can only be used on a struct with named fields";
        for item in [
            quote!(
                enum X {
                    A,
                }
            ),
            quote!(
                struct X(String);
            ),
            quote!(
                struct X;
            ),
        ] {
            assert_eq!(errors(quote!(GET, "v3/<id>", response = X), item), [message]);
        }
        assert_eq!(
            errors(
                quote!(GET, "v3/<id>", response = X),
                quote!(
                    struct X {}
                )
            ),
            ["placeholder `<id>` does not match any field of `X`"]
        );
    }

    #[test]
    fn skips_none_unless_the_user_decided() {
        let endpoint = run(
            quote!(POST, "v3/<id>", response = X, idempotent),
            quote!(
                struct X {
                    id: String,
                    a: Option<u8>,
                    #[serde(skip_serializing_if = "Option::is_none", rename = "bb")]
                    b: Option<u8>,
                    #[serde(default)]
                    #[serde(skip)]
                    c: Option<u8>,
                    #[endpoint(query)]
                    d: Option<u8>,
                    e: std::option::Option<u8>,
                    f: u8,
                }
            ),
        )
        .unwrap_or_else(|errors| panic!("{errors:?}"));
        assert_eq!(endpoint.skip_none, ["a", "e"]);
        assert!(endpoint.idempotent);
        let endpoint = run(
            quote!(DELETE, "v3/x", response = X),
            quote!(
                struct X {
                    a: Option<u8>,
                }
            ),
        )
        .unwrap_or_else(|errors| panic!("{errors:?}"));
        assert_eq!(endpoint.skip_none, ["a"]);
        assert!(!endpoint.idempotent);
    }

    #[test]
    fn refuses_renamed_path_and_query_fields() {
        assert_eq!(
            errors(
                quote!(POST, "v3/<out_order_no>", response = X),
                quote!(
                    #[serde(rename_all = "camelCase")]
                    struct X {
                        #[serde(rename = "id")]
                        out_order_no: String,
                        #[endpoint(query)]
                        #[serde(rename(serialize = "t"))]
                        r#type: String,
                        #[serde(rename = "b")]
                        body: u8,
                    }
                ),
            ),
            [
                "`#[serde(rename)]` has no effect on path parameter `out_order_no`: the \
                 placeholder names the field itself; remove it",
                "`#[serde(rename)]` has no effect on query parameter `type`: it is sent under its \
                 field name; rename the field instead (`r#` works for keywords)",
            ]
        );
    }

    #[test]
    fn refuses_idempotent_on_get_only() {
        assert_eq!(
            errors(
                quote!(GET, "v3/x", response = X, idempotent),
                quote!(
                    struct X {}
                )
            ),
            ["`GET` endpoints are always retried, `idempotent` is redundant; remove it"]
        );
        for method in [quote!(POST), quote!(PUT), quote!(PATCH), quote!(DELETE)] {
            let endpoint = run(
                quote!(#method, "v3/x", response = X, idempotent),
                quote!(
                    struct X {}
                ),
            );
            assert!(endpoint.is_ok_and(|endpoint| endpoint.idempotent));
        }
    }

    #[test]
    fn argument_errors_do_not_hide_field_errors() {
        assert_eq!(
            errors(
                quote!(get, "v3/<id>/<idd>", reponse = X),
                quote!(
                    struct X {
                        id: Option<String>,
                        #[endpoint(query)]
                        q: u8,
                    }
                )
            ),
            [
                "HTTP methods are written in upper case: `GET`",
                "expected `response` or `idempotent`",
                "missing `response = ...`; use `response = NoContent` for endpoints that return \
                 no body",
                "path parameter `id` cannot be an `Option`; every placeholder needs a value",
                "placeholder `<idd>` does not match any field of `X`; did you mean `id`?",
            ]
        );
    }

    #[test]
    fn reports_argument_errors_before_struct_errors() {
        assert_eq!(
            errors(
                quote!(),
                quote!(
                    enum X {}
                )
            ),
            [
                "expected `#[endpoint(METHOD, \"path\", response = Type)]`",
                "`#[endpoint]` can only be used on a struct with named fields",
            ]
        );
    }
}
