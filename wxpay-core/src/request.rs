//! URI-template requests: [`Client::request`] calls any endpoint by the path template WeChat's
//! documentation writes (`v3/payscore/partner/serviceorder/{out_order_no}/complete`), with the
//! guarantees of `#[endpoint]`: the same per-segment percent-encoding and dot-segment refusal,
//! the same signing, retries and response verification.
//!
//! ```no_run
//! # async fn run(client: wxpay_core::Client) -> Result<(), wxpay_core::Error> {
//! use wxpay_core::{Method, NoContent};
//!
//! let body = serde_json::json!({ "service_id": "2002000000000558128851361561536", "sub_mchid": "1900000109" });
//! client
//!     .request(Method::Post, "v3/payscore/partner/serviceorder/{out_order_no}/cancel")
//!     .path("out_order_no", "1234323JKHDFE1243252")
//!     .json(&body)
//!     .send::<NoContent>()
//!     .await?;
//! # Ok(()) }
//! ```

use std::fmt::{self, Display};

use http::StatusCode;
use serde::Serialize;

use crate::{
    __private::{QueryWriter, push_segment},
    Client, Error, FromResponse, Method,
    client::{Answer, Call},
    error::BuildError,
    sign,
    transport::Transport,
    trust::unix_now,
};

impl<T: Transport> Client<T> {
    /// Starts a request to any endpoint, named by its URI template as WeChat's documentation
    /// writes it: `{name}` placeholders (filled with [`RequestBuilder::path`]), relative to
    /// the API root; one leading `/` is accepted.
    ///
    /// ```no_run
    /// # async fn run(client: wxpay_core::Client) -> Result<(), wxpay_core::Error> {
    /// use wxpay_core::Method;
    ///
    /// let order: serde_json::Value = client
    ///     .request(Method::Get, "/v3/payscore/partner/serviceorder")
    ///     .query("service_id", "2002000000000558128851361561536")
    ///     .query("sub_mchid", "1900000109")
    ///     .query("out_order_no", "1234323JKHDFE1243252")
    ///     .send()
    ///     .await?;
    /// # let _ = order; Ok(()) }
    /// ```
    pub fn request(&self, method: Method, template: &str) -> RequestBuilder<'_, T> {
        RequestBuilder {
            client: self,
            method,
            template: template.strip_prefix('/').unwrap_or(template).to_owned(),
            path: Vec::new(),
            query: QueryWriter::default(),
            body: None,
            idempotent: false,
            error: None,
        }
    }
}

/// The body of a template request.
enum Body<'a> {
    /// Serialized per call, under the encryption key of the call (see
    /// [`Sensitive`](crate::sensitive::Sensitive)).
    Serialize(Box<dyn Fn() -> Result<Vec<u8>, serde_json::Error> + Send + Sync + 'a>),
    /// JSON text given by the caller, sent byte for byte (checked to be JSON).
    Raw(Vec<u8>),
}

/// A request to a URI template, from [`Client::request`]: fill it, then
/// [`send`](Self::send) it.
///
/// Setters never fail on their own: the first problem (a query value that is not a flat
/// scalar) is kept and returned by the terminal method, together with template problems (a
/// placeholder without a value, a value for no placeholder, an unbalanced brace), all as
/// [`Error::Build`].
#[must_use]
pub struct RequestBuilder<'a, T> {
    client: &'a Client<T>,
    method: Method,
    template: String,
    /// Placeholder name and its value, already percent-encoded as one segment.
    path: Vec<(String, String)>,
    query: QueryWriter,
    body: Option<Body<'a>>,
    idempotent: bool,
    error: Option<Error>,
}

impl<T> fmt::Debug for RequestBuilder<'_, T> {
    /// Method and template only: path and query values can be personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("template", &self.template)
            .field("idempotent", &self.idempotent)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Transport> RequestBuilder<'a, T> {
    /// Fills the placeholder `{name}` with `value` (formatted with `Display`), percent-encoded
    /// as one path segment exactly as `#[endpoint]` encodes path fields. An empty value, `.`
    /// or `..` is refused when the request is built. Setting a name twice keeps the last
    /// value.
    pub fn path(mut self, name: &str, value: impl Display) -> Self {
        let mut segment = String::new();
        push_segment(&mut segment, &value);
        match self.path.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = segment,
            None => self.path.push((name.to_owned(), segment)),
        }
        self
    }

    /// Appends the query parameter `name=value`, form-encoded (`None` is skipped), in the
    /// order given.
    pub fn query(mut self, name: &str, value: impl Serialize) -> Self {
        if let Err(err) = self.query.push(name, &value) {
            self.error.get_or_insert(err);
        }
        self
    }

    /// The JSON body (`POST`, `PUT`, `PATCH`; a `GET` or `DELETE` with a body is refused).
    /// Serialized when the call is built, so [`Sensitive`](crate::sensitive::Sensitive) fields
    /// encrypt to the key named in `Wechatpay-Serial`. Without a body, body methods send `{}`
    /// as an `#[endpoint]` struct without body fields does.
    pub fn json<B: Serialize + Sync + ?Sized>(mut self, body: &'a B) -> Self {
        self.body = Some(Body::Serialize(Box::new(move || serde_json::to_vec(body))));
        self
    }

    /// The JSON body as text, sent byte for byte: the key order and spacing of a documented
    /// example or of a file are kept (`serde_json::Value` sorts object keys). It must be
    /// valid JSON; otherwise the terminal method returns [`Error::Build`]. Replaces a body
    /// given with [`json`](Self::json).
    pub fn json_text(mut self, text: impl Into<Vec<u8>>) -> Self {
        self.body = Some(Body::Raw(text.into()));
        self
    }

    /// Declares the call safe to repeat with the same parameters ("原参重入"), like
    /// `#[endpoint(…, idempotent)]`: a `5xx` or a timeout may then be retried. `GET` and
    /// `DELETE` need no flag.
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Builds the exact signed request without sending it, as
    /// [`Client::prepare`](Client::prepare) does for `#[endpoint]` structs.
    ///
    /// # Errors
    ///
    /// [`Error::Build`] for a template, path, query or body problem.
    pub fn prepare(self) -> Result<http::Request<Vec<u8>>, Error> {
        let nonce = sign::nonce().map_err(BuildError::Random)?;
        self.prepare_with(unix_now(), &nonce)
    }

    /// Like [`prepare`](Self::prepare) with a given timestamp and nonce (deterministic), as
    /// [`Client::prepare_with`](Client::prepare_with).
    ///
    /// # Errors
    ///
    /// As [`prepare`](Self::prepare).
    pub fn prepare_with(
        self,
        timestamp: i64,
        nonce: &str,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let ready = self.finish()?;
        let call = ready.call()?;
        ready.client.sign_for_primary(&call, timestamp, nonce)
    }

    /// Signs, sends (with the client's retries), verifies the answer's signature (every 2xx,
    /// `204` included) and decodes it into `R`: [`NoContent`](crate::NoContent),
    /// `serde_json::Value` or any `Deserialize` type.
    ///
    /// # Errors
    ///
    /// Any [`Error`], exactly as [`Client::execute`](Client::execute).
    pub async fn send<R: FromResponse>(self) -> Result<R, Error> {
        self.answer().await?.decode()
    }

    /// Like [`send`](Self::send), returning the verified answer as it came: status,
    /// `Request-ID` and body bytes.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send) (no decoding).
    pub async fn send_verified(self) -> Result<VerifiedResponse, Error> {
        let Answer { status, body, request_id } = self.answer().await?;
        Ok(VerifiedResponse { status, request_id, body })
    }

    async fn answer(self) -> Result<Answer, Error> {
        let ready = self.finish()?;
        ready.client.run(|| ready.call()).await
    }

    /// Resolves everything that does not depend on the encryption key: the filled path, the
    /// query string, the body rules.
    fn finish(self) -> Result<Ready<'a, T>, Error> {
        if let Some(err) = self.error {
            return Err(err);
        }
        let path = fill(&self.template, &self.path)?;
        let body = match (self.body, self.method.has_body()) {
            (Some(_), false) => {
                return Err(template_error(format!(
                    "a {} request carries no body: send its fields with `query`",
                    self.method
                )));
            }
            (Some(Body::Raw(text)), true) => {
                serde_json::from_slice::<serde::de::IgnoredAny>(&text).map_err(BuildError::Body)?;
                Some(Body::Raw(text))
            }
            (body, _) => body,
        };
        Ok(Ready {
            client: self.client,
            method: self.method,
            template: self.template,
            path,
            query: self.query.into_string(),
            body,
            idempotent: self.idempotent,
        })
    }
}

/// A request whose template is filled; the body is serialized per call.
struct Ready<'a, T> {
    client: &'a Client<T>,
    method: Method,
    template: String,
    path: String,
    query: String,
    body: Option<Body<'a>>,
    idempotent: bool,
}

impl<T: Transport> Ready<'_, T> {
    fn call(&self) -> Result<Call<'_>, Error> {
        self.client.build_call(
            self.method,
            &self.template,
            self.path.clone(),
            self.idempotent,
            || {
                let body = match (&self.body, self.method.has_body()) {
                    (Some(Body::Serialize(body)), _) => body().map_err(BuildError::Body)?,
                    (Some(Body::Raw(text)), _) => text.clone(),
                    (None, true) => b"{}".to_vec(),
                    (None, false) => Vec::new(),
                };
                Ok((self.query.clone(), body))
            },
        )
    }
}

/// A verified 2xx answer of [`RequestBuilder::send_verified`].
#[derive(Clone)]
#[non_exhaustive]
pub struct VerifiedResponse {
    /// The HTTP status (2xx).
    pub status: StatusCode,
    /// The `Request-ID` header, if present.
    pub request_id: Option<String>,
    /// The body bytes, whose signature verified.
    pub body: Vec<u8>,
}

impl fmt::Debug for VerifiedResponse {
    /// The body's length only: it can hold personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedResponse")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("body_len", &self.body.len())
            .finish()
    }
}

fn template_error(message: String) -> Error {
    BuildError::Template(message).into()
}

/// Fills `{name}` placeholders of `template` with the encoded `values`; every placeholder
/// needs a value and every value a placeholder.
fn fill(template: &str, values: &[(String, String)]) -> Result<String, Error> {
    let first = template.split('/').next().unwrap_or_default();
    if template.is_empty() || template.starts_with('/') || first.contains(':') {
        return Err(template_error(format!(
            "`{template}` is not a path relative to the API root (e.g. `v3/certificates`)"
        )));
    }
    let mut out = String::with_capacity(template.len() + 32);
    let mut used = vec![false; values.len()];
    let mut rest = template;
    loop {
        let Some(at) = rest.find(['{', '}']) else {
            check_literal(template, rest)?;
            out.push_str(rest);
            break;
        };
        let (literal, tail) = rest.split_at(at);
        check_literal(template, literal)?;
        out.push_str(literal);
        let (true, Some(close)) = (tail.starts_with('{'), tail.find('}')) else {
            return Err(template_error(format!("unbalanced brace in `{template}`")));
        };
        let name = &tail[1..close];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(template_error(format!(
                "placeholder `{{{name}}}` in `{template}` must be a name of letters, digits and `_`"
            )));
        }
        let Some(index) = values.iter().position(|(n, _)| n == name) else {
            return Err(template_error(format!(
                "placeholder `{{{name}}}` of `{template}` has no value (give it with `path(\"{name}\", …)`)"
            )));
        };
        used[index] = true;
        out.push_str(&values[index].1);
        rest = &tail[close + 1..];
    }
    if let Some(index) = used.iter().position(|u| !u) {
        return Err(template_error(format!(
            "path parameter `{}` names no placeholder of `{template}`",
            values[index].0
        )));
    }
    Ok(out)
}

/// The literal parts of a template: path characters only (no query, fragment, spaces,
/// percent signs or non-ASCII), so the template cannot change the request's shape.
fn check_literal(template: &str, literal: &str) -> Result<(), Error> {
    let ok =
        literal.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(template_error(format!(
            "`{template}` holds a character that is not allowed in a path template (queries go \
             in `query`, values in `{{placeholders}}`)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    fn values(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn fills_and_refuses() {
        assert_eq!(fill("v3/a/{x}/b", &values(&[("x", "1")])).unwrap_or_default(), "v3/a/1/b");
        assert_eq!(
            fill("v3/{x}{y}", &values(&[("y", "2"), ("x", "1")])).unwrap_or_default(),
            "v3/12"
        );
        for (template, vals, needle) in [
            ("v3/a/{x}", &[][..], "`{x}`"),
            ("v3/a", &[("x", "1")][..], "`x` names no placeholder"),
            ("v3/a/{x", &[("x", "1")][..], "unbalanced"),
            ("v3/a/x}", &[][..], "unbalanced"),
            ("v3/a/{}", &[][..], "must be a name"),
            ("v3/a?b=1", &[][..], "not allowed"),
            ("v3/a b", &[][..], "not allowed"),
            ("/v3/a", &[][..], "not a path relative"),
            ("", &[][..], "not a path relative"),
            ("https://evil.example/v3", &[][..], "not a path relative"),
        ] {
            let err =
                fill(template, &values(vals)).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(needle), "{template}: {err}");
        }
    }
}
