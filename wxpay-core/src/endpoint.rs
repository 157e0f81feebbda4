//! The [`Endpoint`] trait that `#[endpoint]` implements, and the HTTP [`Method`].

use crate::{__private::QueryWriter, Error, FromResponse};

/// Facts about one WeChat Pay endpoint: its method, path, query/body split and response type.
///
/// Implemented by [`#[endpoint]`](crate::endpoint); not meant to be implemented by hand.
/// [`Client::prepare`](crate::Client::prepare) and [`Client::execute`](crate::Client::execute)
/// turn any `Endpoint` into a signed request.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a WeChat Pay endpoint",
    label = "not an endpoint",
    note = "declare it with `#[wxpay_core::endpoint(METHOD, \"path\", response = Type)]`"
)]
pub trait Endpoint: serde::Serialize {
    /// The HTTP method.
    const METHOD: Method;
    /// The path template as written in the attribute, e.g.
    /// `"v3/payscore/serviceorder/<out_order_no>/complete"`. Contains no values: safe for
    /// logs and metrics.
    const PATH_TEMPLATE: &'static str;
    /// Whether WeChat documents the call as safe to repeat with byte-identical parameters
    /// ("原参重入": the same request returns the same result), so that a `5xx` or a timeout
    /// may be retried even though the method is not `GET`. Declared with
    /// `#[endpoint(POST, "…", response = …, idempotent)]`; `false` by default.
    const IDEMPOTENT: bool = false;
    /// What a verified 2xx response decodes into.
    type Response: FromResponse;

    /// Appends the path (relative to the API base URL, no leading `/`) with every placeholder
    /// value percent-encoded as one path segment.
    fn write_path(&self, out: &mut String);

    /// Appends the query parameters of body methods declared with `#[endpoint(query)]`.
    ///
    /// The default writes nothing; `GET` and `DELETE` endpoints send all their non-path
    /// fields as the query string instead.
    ///
    /// # Errors
    ///
    /// Returns an error if a value cannot be encoded as a query parameter.
    fn write_query_fields(&self, _query: &mut QueryWriter) -> Result<(), Error> {
        Ok(())
    }
}

/// HTTP methods used by WeChat Pay APIv3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: non-path fields go to the query string.
    Get,
    /// `POST`: non-path fields go to the JSON body.
    Post,
    /// `PUT`: non-path fields go to the JSON body.
    Put,
    /// `PATCH`: non-path fields go to the JSON body.
    Patch,
    /// `DELETE`: non-path fields go to the query string.
    Delete,
}

impl Method {
    /// The method as written on the wire and in the signed message, e.g. `"POST"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Whether the non-path fields travel in a JSON body (`POST`, `PUT`, `PATCH`) rather than
    /// in the query string (`GET`, `DELETE`).
    #[must_use]
    pub const fn has_body(self) -> bool {
        match self {
            Self::Post | Self::Put | Self::Patch => true,
            Self::Get | Self::Delete => false,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Method> for http::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => Self::GET,
            Method::Post => Self::POST,
            Method::Put => Self::PUT,
            Method::Patch => Self::PATCH,
            Method::Delete => Self::DELETE,
        }
    }
}
