//! The simulated WeChat Pay API: the route table (built from each endpoint struct's
//! `PATH_TEMPLATE`), request decoding with the `wxpay-payscore` structs, and the dispatcher
//! that authenticates, applies faults and signs every answer.

mod acquiringbank;
mod bill;
mod certificates;
mod checks;
pub(crate) mod control;
mod oversea;
mod partner_service_order;
mod pay_on_delivery;
mod payafter;
mod permissions;
mod plan;
mod profit_sharing;
mod refund;
mod service_account;
mod service_order;
mod sign_plan;
mod sign_plan_service_order;
mod smartretail;
mod vehicle;

use std::sync::Arc;

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

use crate::{
    Shared,
    error::ApiError,
    faults::{self, FaultKind},
    requests::Pending,
    signing::Deviation,
    util,
};

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
    routes.extend(vehicle::routes());
    routes.extend(payafter::routes());
    routes.extend(smartretail::routes());
    routes.extend(oversea::routes());
    routes.extend(acquiringbank::routes());
    routes.extend(pay_on_delivery::routes());
    routes.extend(service_account::routes());
    routes.extend(plan::routes());
    routes.extend(sign_plan::routes());
    routes.extend(sign_plan_service_order::routes());
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
                return field_error(&pointer, "必填性规则校验失败，此字段为必填项", "body");
            }
            let pointer = if pointer.is_empty() { "/".to_owned() } else { pointer };
            field_error(&pointer, rule_of(&issue), "body")
        }),
        Input::Query(query) => serde_urlencoded::from_str::<E>(&query).map_err(|err| {
            let issue = err.to_string();
            match missing_field(&issue) {
                Some(name) => field_error(name, "必填性规则校验失败，此字段为必填项", "query"),
                None => {
                    ApiError::param(format!("输入源“/query”的参数{}", rule_of(&issue)), "", "query")
                }
            }
        }),
    }
}

/// WeChat's words for what failed (never the decoder's own wording).
fn rule_of(issue: &str) -> &'static str {
    if issue.starts_with("invalid type") {
        "类型规则校验失败"
    } else {
        "取值规则校验失败"
    }
}

fn missing_field(issue: &str) -> Option<&str> {
    let rest = issue.strip_prefix("missing field `")?;
    rest.split('`').next()
}

fn field_error(field: &str, rule: &str, location: &str) -> ApiError {
    let source =
        if location == "body" { format!("/body{field}") } else { format!("/query/{field}") };
    ApiError::param(format!("输入源“{source}”映射到字段“{field}”{rule}"), field, location)
}

/// The pairs of a query string (form-decoded).
fn query_pairs(query: &str) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .map_err(|_| ApiError::param("查询参数格式错误，请检查URL编码", "", "query"))
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
    if let Some((name, _)) = decoded.iter().find(|(_, v)| v.chars().any(|c| c.len_utf8() == 4)) {
        return Err(ApiError::param(
            format!("路径参数“{name}”包含不支持的字符，请勿使用emoji等4字节UTF-8字符"),
            name,
            "uri_template",
        ));
    }
    if let Some((key, _)) = pairs.iter().find(|(_, v)| v.chars().any(|c| c.len_utf8() == 4)) {
        return Err(four_byte_error(key, "query"));
    }
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
            .map_err(|_| ApiError::param("请求体格式错误，不是合法的JSON", "/", "body"))?
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
    if let Some(pointer) = find_four_byte(&raw, "") {
        return Err(four_byte_error(&pointer, "body"));
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

/// A second handle on a connection's socket, to notice that the client went away while
/// an answer is delayed (hyper only notices when it writes).
#[derive(Clone, Debug)]
pub(crate) struct ClientProbe(Arc<std::net::TcpStream>);

impl ClientProbe {
    /// The stream for hyper and a probe on the same socket.
    pub(crate) fn split(
        stream: tokio::net::TcpStream,
    ) -> std::io::Result<(tokio::net::TcpStream, Self)> {
        let std = stream.into_std()?;
        let probe = std.try_clone()?;
        Ok((tokio::net::TcpStream::from_std(std)?, Self(Arc::new(probe))))
    }

    /// Whether the client closed or reset the connection (nothing is consumed).
    fn gone(&self) -> bool {
        let mut byte = [0u8; 1];
        match self.0.peek(&mut byte) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
        }
    }
}

/// Sleeps `delay`; returns early with `true` if the client goes away meanwhile.
async fn delay_unless_gone(delay: std::time::Duration, probe: Option<&ClientProbe>) -> bool {
    const STEP: std::time::Duration = std::time::Duration::from_millis(20);
    let Some(probe) = probe else {
        tokio::time::sleep(delay).await;
        return false;
    };
    let mut left = delay;
    while !left.is_zero() {
        let step = left.min(STEP);
        tokio::time::sleep(step).await;
        left -= step;
        if probe.gone() {
            return true;
        }
    }
    false
}

/// Marks a response whose connection must be closed without sending it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DropConnection;

/// The handler of every WeChat Pay API request. The request is recorded on arrival and
/// the record completed when answered; if the client goes away first (hyper then drops this
/// future), the record says so.
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
    let pending = Pending::open(&shared, &method, &target, &request_id);
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        let error = ApiError::param("请求体过大或无法读取", "/", "body");
        pending.finish(Some(error.status), Some(error.code.to_owned()));
        let body = error.body().to_string().into_bytes();
        return answer(&shared, error.status, body, &request_id, Deviation::default(), None);
    };

    let routes = &shared.routes;
    let found = find(routes, &method, &path);
    let template = found.as_ref().map(|(r, _)| r.template);
    let key = faults::request_key(method.as_str(), &target, &body);
    let faults = shared.draw_faults(method.as_str(), template, key);
    pending.faults(&faults);
    let delay = faults::total_delay(&faults);
    if !delay.is_zero() && delay_unless_gone(delay, parts.extensions.get::<ClientProbe>()).await {
        // The client gave up: `pending` is dropped unfinished and recorded as abandoned.
        drop(pending);
        return dropped();
    }
    let mut deviation = Deviation::default();
    let mut drop_after = false;
    let mut early: Option<ApiError> = None;
    let mut retry_after = None;
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
            FaultKind::RateLimited { retry_after: seconds } => {
                if early.is_none() {
                    retry_after = *seconds;
                }
                early.get_or_insert(ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "FREQUENCY_LIMITED",
                    "请求过于频繁，请稍后再试",
                ));
            }
            FaultKind::DropConnection => {
                pending.finish(None, None);
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
    let (status, code) = match &outcome {
        Ok(Reply::Json(_) | Reply::Bill { .. }) => (StatusCode::OK, None),
        Ok(Reply::NoContent) => (StatusCode::NO_CONTENT, None),
        Err(e) => (e.status, Some(e.code.to_owned())),
    };
    if drop_after {
        pending.finish(None, None);
        return dropped();
    }
    pending.finish(Some(status), code);
    let body = match outcome {
        Ok(Reply::Bill { text, gzip, seal }) => {
            let encrypted = seal.is_some();
            let body = bill::body(text, gzip, deviation.tamper, seal.as_ref());
            return bill_answer(body, gzip || encrypted, &request_id);
        }
        Ok(Reply::Json(value)) => value.to_string().into_bytes(),
        Ok(Reply::NoContent) => Vec::new(),
        Err(error) => error.body().to_string().into_bytes(),
    };
    answer(&shared, status, body, &request_id, deviation, retry_after)
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
    retry_after: Option<u64>,
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
    if let Some(seconds) = retry_after {
        out.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
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

/// `notify_url` (`field` is its JSON pointer): HTTPS, at most 255 characters, no query string
/// (WeChat: "只支持HTTPS协议，需为外网可访问的URL，不能携带查询参数"); `http://` on a
/// loopback host only when the server allows it (tests).
pub(crate) fn check_notify_url(shared: &Shared, url: &str, field: &str) -> Result<(), ApiError> {
    let refuse = |why: &str| ApiError::param(format!("回调通知地址notify_url{why}"), field, "body");
    if url.is_empty() || url.chars().count() > 255 {
        return Err(refuse("长度必须为1到255个字符"));
    }
    let Ok(uri) = url.parse::<http::Uri>() else {
        return Err(refuse("不是合法的URL"));
    };
    let host = uri.host().unwrap_or("");
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1");
    match uri.scheme_str() {
        Some("https") if !host.is_empty() => {}
        Some("http") if loopback && shared.config.allow_loopback_http => {}
        _ => return Err(refuse("只支持HTTPS协议")),
    }
    if uri.query().is_some() || url.contains('#') {
        return Err(refuse("不能携带查询参数"));
    }
    Ok(())
}

/// WeChat Pay supports characters of 1 to 3 UTF-8 bytes only (protocol §1): the first
/// string holding a 4-byte character (emoji, …), as the JSON pointer of its field.
fn find_four_byte(value: &Value, at: &str) -> Option<String> {
    match value {
        Value::String(text) if text.chars().any(|c| c.len_utf8() == 4) => {
            Some(if at.is_empty() { "/".to_owned() } else { at.to_owned() })
        }
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, v)| find_four_byte(v, &format!("{at}/{i}")))
        }
        Value::Object(map) => {
            map.iter().find_map(|(k, v)| find_four_byte(v, &format!("{at}/{}", pointer_segment(k))))
        }
        _ => None,
    }
}

/// `PARAM_ERROR` for a 4-byte UTF-8 character in `field` (`location` `body` or `query`).
fn four_byte_error(field: &str, location: &str) -> ApiError {
    let source =
        if location == "body" { format!("/body{field}") } else { format!("/query/{field}") };
    ApiError::param(
        format!("输入源“{source}”包含不支持的字符，请勿使用emoji等4字节UTF-8字符"),
        field,
        location,
    )
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
        assert_eq!(
            err.message,
            "输入源“/body/items/1/amount”映射到字段“/items/1/amount”类型规则校验失败"
        );
        let err = decode::<T>(Input::Json(serde_json::json!({"items":[{}]}))).expect_err("missing");
        assert_eq!(err.detail.clone().expect("detail")["field"], "/items/0/amount");
        assert!(err.message.contains("必填性规则校验失败"), "{}", err.message);
        let err = decode::<Item>(Input::Query("amount=x".into())).expect_err("query type");
        for serde_words in ["expected", "invalid", "u64", "`"] {
            assert!(!err.body().to_string().contains(serde_words), "{}", err.body());
        }
        assert_eq!(err.detail.expect("detail")["location"], "query");
    }
}
