//! The simulated WeChat Pay API: the route table (built from each endpoint struct's
//! `PATH_TEMPLATE`), request decoding with the `wxpay-payscore` structs, and the dispatcher
//! that authenticates, applies faults and signs every answer.

mod bill;
mod certificates;
pub(crate) mod control;
mod partner_service_order;
mod permissions;
mod profit_sharing;
mod refund;
mod service_order;

use std::{sync::Arc, time::Duration};

use axum::{
    body::Body,
    extract::{Request, State},
    response::Response,
};
use http::{HeaderValue, Method, StatusCode, header};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use wxpay_core::Endpoint;

use crate::{RequestRecord, Shared, error::ApiError, faults::FaultKind, signing::Deviation, util};

/// Largest request body accepted.
const BODY_LIMIT: usize = 1 << 20;

/// A successful answer.
#[derive(Debug)]
pub(crate) enum Reply {
    /// `200` with a JSON body.
    Json(Value),
    /// `204 No Content`.
    NoContent,
    /// `200` with a bill file: unsigned (WeChat does not sign bill files), gzip when asked.
    Bill {
        /// The decompressed bill.
        text: Vec<u8>,
        /// Whether to send it gzip-compressed.
        gzip: bool,
        /// The encryption of a merchant bill file.
        seal: Option<bill::Seal>,
    },
}

/// What a handler sees besides its decoded request.
pub(crate) struct Ctx<'a> {
    pub(crate) shared: &'a Arc<Shared>,
    /// The authenticated merchant (the service provider in partner mode).
    pub(crate) mchid: &'a str,
    /// The request parameters as received (body object, or query pairs), before path
    /// parameters were merged: what "the same parameters" means for repeated calls.
    pub(crate) raw: &'a Value,
    /// The request headers (e.g. `Wechatpay-Serial` for encrypted fields).
    pub(crate) headers: &'a http::HeaderMap,
}

/// The decoded input of a route: a JSON object (body methods) or a query string (`GET`).
enum Input {
    Json(Value),
    Query(String),
}

type Call = Box<dyn Fn(&Ctx<'_>, Input) -> Result<Reply, ApiError> + Send + Sync>;

/// One route: method, template, and the handler that decodes into the endpoint struct.
pub(crate) struct Route {
    method: Method,
    template: &'static str,
    segments: Vec<Segment>,
    call: Call,
}

#[derive(Debug, PartialEq)]
enum Segment {
    Literal(&'static str),
    Param(&'static str),
}

fn segments(template: &'static str) -> Vec<Segment> {
    template
        .split('/')
        .map(|s| match s.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
            Some(name) => Segment::Param(name),
            None => Segment::Literal(s),
        })
        .collect()
}

impl Route {
    /// The route of endpoint `E`, decoding requests into `E` and answering with `handler`.
    pub(crate) fn endpoint<E>(handler: fn(&Ctx<'_>, &E) -> Result<Reply, ApiError>) -> Self
    where
        E: Endpoint + DeserializeOwned + 'static,
    {
        Self {
            method: E::METHOD.into(),
            template: E::PATH_TEMPLATE,
            segments: segments(E::PATH_TEMPLATE),
            call: Box::new(move |ctx, input| handler(ctx, &decode::<E>(input)?)),
        }
    }

    /// A route not declared as an endpoint struct (e.g. `GET /v3/certificates`), receiving
    /// the raw parameters.
    pub(crate) fn raw(
        method: Method,
        template: &'static str,
        handler: fn(&Ctx<'_>) -> Result<Reply, ApiError>,
    ) -> Self {
        Self {
            method,
            template,
            segments: segments(template),
            call: Box::new(move |ctx, _| handler(ctx)),
        }
    }

    fn params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(name) => Some(*name),
            Segment::Literal(_) => None,
        })
    }

    /// The raw (still percent-encoded) values of the placeholders if `path` matches.
    fn matches<'p>(&self, path: &'p str) -> Option<Vec<(&'static str, &'p str)>> {
        let parts: Vec<&str> = path.split('/').collect();
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            match segment {
                Segment::Literal(lit) if *lit == part => {}
                Segment::Param(name) if !part.is_empty() => params.push((*name, part)),
                _ => return None,
            }
        }
        Some(params)
    }

    fn literals(&self) -> usize {
        self.segments.len() - self.params().count()
    }
}

/// Every route of the simulated API.
pub(crate) fn table() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.extend(certificates::routes());
    routes.extend(bill::routes());
    routes.extend(service_order::routes());
    routes.extend(partner_service_order::routes());
    routes.extend(permissions::routes());
    routes.extend(refund::routes());
    routes.extend(profit_sharing::routes());
    routes
}

/// Finds the route for `method` and `path` (no leading `/`); the most specific template
/// (most literal segments) wins.
fn find<'r, 'p>(
    routes: &'r [Route],
    method: &Method,
    path: &'p str,
) -> Option<(&'r Route, Vec<(&'static str, &'p str)>)> {
    routes
        .iter()
        .filter(|r| r.method == *method)
        .filter_map(|r| r.matches(path).map(|p| (r, p)))
        .max_by_key(|(r, _)| r.literals())
}

/// A JSON pointer segment (RFC 6901 escaping).
fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The pointer of the first `null` in `value`, if any.
fn find_null(value: &Value, at: &str) -> Option<String> {
    match value {
        Value::Null => Some(if at.is_empty() { "/".to_owned() } else { at.to_owned() }),
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, v)| find_null(v, &format!("{at}/{i}")))
        }
        Value::Object(map) => {
            map.iter().find_map(|(k, v)| find_null(v, &format!("{at}/{}", pointer_segment(k))))
        }
        _ => None,
    }
}

/// Decodes `E` from the input, with WeChat's `PARAM_ERROR` naming the failing field.
fn decode<E: DeserializeOwned>(input: Input) -> Result<E, ApiError> {
    match input {
        Input::Json(value) => serde_path_to_error::deserialize::<_, E>(value).map_err(|err| {
            let mut pointer = String::new();
            for segment in err.path() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        pointer.push('/');
                        pointer.push_str(&index.to_string());
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        pointer.push('/');
                        pointer.push_str(&pointer_segment(key));
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let issue = err.inner().to_string();
            if let Some(missing) = missing_field(&issue) {
                pointer.push('/');
                pointer.push_str(&pointer_segment(missing));
                return field_error(&pointer, "必填性规则校验失败，此字段为必填项", &issue, "body");
            }
            let pointer = if pointer.is_empty() { "/".to_owned() } else { pointer };
            field_error(&pointer, "类型或取值规则校验失败", &issue, "body")
        }),
        Input::Query(query) => serde_urlencoded::from_str::<E>(&query).map_err(|err| {
            let issue = err.to_string();
            match missing_field(&issue) {
                Some(name) => {
                    field_error(name, "必填性规则校验失败，此字段为必填项", &issue, "query")
                }
                None => ApiError::param(format!("查询参数校验失败：{issue}"), "", "query"),
            }
        }),
    }
}

fn missing_field(issue: &str) -> Option<&str> {
    let rest = issue.strip_prefix("missing field `")?;
    rest.split('`').next()
}

fn field_error(field: &str, rule: &str, issue: &str, location: &str) -> ApiError {
    let source = if location == "body" { format!("/body{field}") } else { field.to_owned() };
    let mut error =
        ApiError::param(format!("输入源“{source}”映射到字段“{field}”{rule}"), field, location);
    if let Some(detail) = error.detail.as_mut().and_then(Value::as_object_mut) {
        detail.insert("issue".to_owned(), Value::String(issue.to_owned()));
    }
    error
}

/// The pairs of a query string (form-decoded).
fn query_pairs(query: &str) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .map_err(|e| ApiError::param(format!("查询参数格式错误：{e}"), "", "query"))
}

/// Builds the input of `route`: path parameters merged into the body object (or the query),
/// after WeChat's checks (no `null`, no path parameter repeated in the body or query).
fn build_input(
    route: &Route,
    params: &[(&'static str, &str)],
    query: Option<&str>,
    body: &[u8],
) -> Result<(Input, Value), ApiError> {
    let mut decoded = Vec::with_capacity(params.len());
    for (name, raw) in params {
        let value = percent_decode_str(raw).decode_utf8().map_err(|_| {
            ApiError::param(format!("路径参数“{name}”不是合法的UTF-8编码"), name, "uri_template")
        })?;
        decoded.push((*name, value.into_owned()));
    }
    let pairs = query_pairs(query.unwrap_or(""))?;
    for (i, (key, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(k, _)| k == key) {
            return Err(ApiError::param(format!("查询参数“{key}”重复"), key, "query"));
        }
        if decoded.iter().any(|(name, _)| name == key) {
            return Err(repeated(key, "query"));
        }
    }
    let method_has_body = matches!(route.method, Method::POST | Method::PUT | Method::PATCH);
    if !method_has_body {
        let raw = Value::Object(
            pairs.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect(),
        );
        let mut combined = query.unwrap_or("").to_owned();
        let extra =
            serde_urlencoded::to_string(&decoded).map_err(|e| ApiError::system(e.to_string()))?;
        if !extra.is_empty() {
            if !combined.is_empty() {
                combined.push('&');
            }
            combined.push_str(&extra);
        }
        return Ok((Input::Query(combined), raw));
    }
    let raw: Value = if body.is_empty() {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(body)
            .map_err(|e| ApiError::param(format!("请求体不是合法的JSON：{e}"), "/", "body"))?
    };
    let Value::Object(object) = &raw else {
        return Err(ApiError::param("请求体必须是JSON对象", "/", "body"));
    };
    if let Some(pointer) = find_null(&raw, "") {
        return Err(ApiError::param(
            format!("输入源“/body{pointer}”的值不能为null，请省略该字段"),
            &pointer,
            "body",
        ));
    }
    for name in route.params() {
        if object.contains_key(name) {
            return Err(repeated(name, "body"));
        }
    }
    let mut merged = object.clone();
    for (key, value) in pairs {
        if merged.contains_key(&key) {
            return Err(ApiError::param(
                format!("参数“{key}”在查询参数与请求体中重复"),
                &key,
                "query",
            ));
        }
        merged.insert(key, Value::String(value));
    }
    for (name, value) in decoded {
        merged.insert(name.to_owned(), Value::String(value));
    }
    Ok((Input::Json(Value::Object(merged)), raw))
}

/// WeChat's answer to a path parameter sent again in the body (protocol §7.2).
fn repeated(name: &str, location: &str) -> ApiError {
    let pointer = if location == "body" { format!("/{name}") } else { name.to_owned() };
    ApiError::param(
        format!(
            "无法将输入源“/{location}/{name}”映射到目标字段“{name}”中，此字段并非多重字段但被输入源“/uri_template/{name}”映射过了"
        ),
        &pointer,
        location,
    )
}

/// Marks a response whose connection must be closed without sending it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DropConnection;

/// The handler of every WeChat Pay API request.
pub(crate) async fn api(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let path = parts.uri.path().trim_start_matches('/').to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let request_id = util::request_id();
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        let error = ApiError::param("请求体过大或无法读取", "/", "body");
        shared.record(RequestRecord::new(&method, &target, Some(error.status), None, &[]));
        let body = error.body().to_string().into_bytes();
        return answer(&shared, error.status, body, &request_id, Deviation::default());
    };

    let routes = &shared.routes;
    let found = find(routes, &method, &path);
    let template = found.as_ref().map(|(r, _)| r.template);
    let faults = shared.draw_faults(method.as_str(), template);
    let delay: Duration = faults
        .iter()
        .map(|f| match f {
            FaultKind::Latency { delay } => *delay,
            _ => Duration::ZERO,
        })
        .sum();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let mut deviation = Deviation::default();
    let mut drop_after = false;
    let mut early: Option<ApiError> = None;
    for fault in &faults {
        match fault {
            FaultKind::ServerError { status } => {
                let status =
                    StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let (code, message) = if status == StatusCode::INTERNAL_SERVER_ERROR {
                    ("SYSTEM_ERROR", "系统错误")
                } else {
                    ("SERVICE_UNAVAILABLE", "服务不可用，请稍后重试")
                };
                early.get_or_insert(ApiError::new(status, code, message));
            }
            FaultKind::RateLimited => {
                early.get_or_insert(ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "FREQUENCY_LIMITED",
                    "请求过于频繁，请稍后再试",
                ));
            }
            FaultKind::DropConnection => {
                shared.record(RequestRecord::new(&method, &target, None, None, &faults));
                return dropped();
            }
            FaultKind::DropAfterProcessing => drop_after = true,
            FaultKind::TamperBody => deviation.tamper = true,
            FaultKind::StaleTimestamp => deviation.stale = true,
            FaultKind::UnknownSerial => deviation.unknown_serial = true,
            FaultKind::Unsigned => deviation.unsigned = true,
            FaultKind::SignatureProbe => deviation.probe = true,
            FaultKind::Latency { .. } => {}
        }
    }

    let outcome = match early {
        Some(error) => Err(error),
        None => handle(&shared, &method, &target, query.as_deref(), &parts.headers, &body, found),
    };
    let status_code = match &outcome {
        Ok(Reply::Json(_) | Reply::Bill { .. }) => (StatusCode::OK, None),
        Ok(Reply::NoContent) => (StatusCode::NO_CONTENT, None),
        Err(e) => (e.status, Some(e.code.to_owned())),
    };
    shared.record(RequestRecord::new(
        &method,
        &target,
        Some(status_code.0),
        status_code.1,
        &faults,
    ));
    if drop_after {
        return dropped();
    }
    let (status, body) = match outcome {
        Ok(Reply::Bill { text, gzip, seal }) => {
            let encrypted = seal.is_some();
            let body = bill::body(text, gzip, deviation.tamper, seal.as_ref());
            return bill_answer(body, gzip || encrypted, &request_id);
        }
        Ok(Reply::Json(value)) => (StatusCode::OK, value.to_string().into_bytes()),
        Ok(Reply::NoContent) => (StatusCode::NO_CONTENT, Vec::new()),
        Err(error) => (error.status, error.body().to_string().into_bytes()),
    };
    answer(&shared, status, body, &request_id, deviation)
}

/// Authenticates, routes, decodes and runs the handler.
fn handle(
    shared: &Arc<Shared>,
    method: &Method,
    target: &str,
    query: Option<&str>,
    headers: &http::HeaderMap,
    body: &[u8],
    found: Option<(&Route, Vec<(&'static str, &str)>)>,
) -> Result<Reply, ApiError> {
    let mchid = shared.authenticate(method.as_str(), target, headers, body)?;
    let (route, params) = found.ok_or_else(ApiError::no_route)?;
    let has_body = matches!(*method, Method::POST | Method::PUT | Method::PATCH);
    if has_body {
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("application/json"));
        if !json {
            return Err(ApiError::invalid("Http头Content-Type值必须为application/json"));
        }
    }
    let (input, raw) = build_input(route, &params, query, body)?;
    let ctx = Ctx { shared, mchid: &mchid, raw: &raw, headers };
    (route.call)(&ctx, input)
}

fn dropped() -> Response {
    let mut response = Response::new(Body::empty());
    response.extensions_mut().insert(DropConnection);
    response
}

/// Builds the signed answer.
fn answer(
    shared: &Shared,
    status: StatusCode,
    body: Vec<u8>,
    request_id: &str,
    deviation: Deviation,
) -> Response {
    let json = !body.is_empty();
    let (headers, body) = shared.signer().sign(body, deviation);
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let out = response.headers_mut();
    out.extend(headers);
    if json {
        out.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    if let Ok(value) = HeaderValue::from_str(request_id) {
        out.insert("Request-ID", value);
    }
    response
}

/// A bill file answer: no `Wechatpay-*` headers, as WeChat sends it.
fn bill_answer(body: Vec<u8>, binary: bool, request_id: &str) -> Response {
    let mut response = Response::new(Body::from(body));
    let kind = if binary { "application/octet-stream" } else { "text/plain; charset=utf-8" };
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(value) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert("Request-ID", value);
    }
    response
}

/// Sums the amounts of `post_payments` minus `post_discounts` and compares with
/// `total_amount` (`PARAM_ERROR 最终总金额计算非法` otherwise).
pub(crate) fn check_total(
    payments: &[wxpay_payscore::Payment],
    discounts: &[wxpay_payscore::Discount],
    total: wxpay_payscore::Amount,
) -> Result<u64, ApiError> {
    let paid = payments.iter().try_fold(0u64, |sum, p| {
        sum.checked_add(p.amount.map_or(0, wxpay_payscore::Amount::as_fen))
    });
    let discounted = discounts.iter().try_fold(0u64, |sum, d| {
        sum.checked_add(d.amount.map_or(0, wxpay_payscore::Amount::as_fen))
    });
    let expected = paid.zip(discounted).and_then(|(p, d)| p.checked_sub(d));
    if expected != Some(total.as_fen()) {
        return Err(ApiError::param("最终总金额计算非法", "/total_amount", "body"));
    }
    Ok(total.as_fen())
}

/// `reason` must be present, at most 50 characters.
pub(crate) fn check_reason(reason: &str) -> Result<(), ApiError> {
    let len = reason.chars().count();
    if len == 0 || len > 50 {
        return Err(ApiError::param("reason长度必须为1到50个字符", "/reason", "body"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(template: &'static str) -> Route {
        Route::raw(Method::POST, template, |_| Ok(Reply::NoContent))
    }

    #[test]
    fn most_specific_route_wins() {
        let routes = vec![
            route("v3/payscore/serviceorder/<out_order_no>/complete"),
            route("v3/payscore/permissions/<x>"),
            route("v3/payscore/permissions/assess-user-risk-level"),
        ];
        let (r, p) =
            find(&routes, &Method::POST, "v3/payscore/serviceorder/A%7C1/complete").expect("route");
        assert_eq!(r.template, "v3/payscore/serviceorder/<out_order_no>/complete");
        assert_eq!(p, vec![("out_order_no", "A%7C1")]);
        let (r, _) = find(&routes, &Method::POST, "v3/payscore/permissions/assess-user-risk-level")
            .expect("route");
        assert_eq!(r.template, "v3/payscore/permissions/assess-user-risk-level");
        assert!(find(&routes, &Method::GET, "v3/payscore/permissions/x").is_none());
        assert!(find(&routes, &Method::POST, "v3/payscore/serviceorder//complete").is_none());
    }

    #[test]
    fn input_checks() {
        let r = route("v3/x/<out_order_no>/complete");
        let params = [("out_order_no", "A%7C1")];
        let (input, _) = build_input(&r, &params, None, br#"{"a":1}"#).expect("ok");
        let Input::Json(v) = input else { panic!("json") };
        assert_eq!(v, serde_json::json!({"a":1,"out_order_no":"A|1"}));
        let err =
            build_input(&r, &params, None, br#"{"out_order_no":"A|1"}"#).err().expect("repeated");
        assert_eq!(err.code, "PARAM_ERROR");
        assert!(err.message.contains("/uri_template/out_order_no"), "{}", err.message);
        let err = build_input(&r, &params, None, br#"{"a":[1,{"b":null}]}"#).err().expect("null");
        assert_eq!(err.detail.expect("detail")["field"], "/a/1/b");
        assert!(build_input(&r, &params, None, b"[1]").is_err());
    }

    #[test]
    fn decode_names_the_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            items: Vec<Item>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            amount: u64,
        }
        let err =
            decode::<T>(Input::Json(serde_json::json!({"items":[{"amount":1},{"amount":"x"}]})))
                .expect_err("type");
        assert_eq!(err.detail.expect("detail")["field"], "/items/1/amount");
        let err = decode::<T>(Input::Json(serde_json::json!({"items":[{}]}))).expect_err("missing");
        assert_eq!(err.detail.expect("detail")["field"], "/items/0/amount");
    }
}
