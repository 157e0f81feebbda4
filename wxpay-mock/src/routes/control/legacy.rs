//! `/__mock/payafter-orders/...` and `/__mock/smartretail-orders/...`: control routes of
//! the legacy 先享后付 and 智慧零售 orders.

use std::sync::Arc;

use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    response::Response,
    routing::{get, post},
};
use serde::Deserialize;

use super::{Shared_, bad_request, reply};
use crate::{LegacyFamily, Shared, control::legacy as actions};

/// Optional body of the accept and pay routes.
#[derive(Debug, Default, Deserialize)]
struct Body {
    openid: Option<String>,
    notify_url: Option<String>,
}

fn body(bytes: &[u8]) -> Result<Body, String> {
    if bytes.is_empty() {
        return Ok(Body::default());
    }
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

fn family(name: &str) -> Option<LegacyFamily> {
    match name {
        "payafter-orders" => Some(LegacyFamily::PayAfter),
        "smartretail-orders" => Some(LegacyFamily::SmartRetail),
        _ => None,
    }
}

pub(super) fn router() -> Router<Arc<Shared>> {
    let mut router = Router::new();
    for prefix in ["/payafter-orders", "/smartretail-orders"] {
        router = router
            .route(&format!("{prefix}/{{out_order_no}}"), get(show))
            .route(&format!("{prefix}/{{out_order_no}}/accept"), post(accept))
            .route(&format!("{prefix}/{{out_order_no}}/pay"), post(pay))
            .route(&format!("{prefix}/{{out_order_no}}/expire"), post(expire));
    }
    router
}

/// The family named by the first path segment of the request.
fn family_of(uri: &axum::http::Uri) -> Option<LegacyFamily> {
    uri.path().trim_start_matches('/').split('/').find_map(family)
}

async fn show(State(shared): Shared_, uri: axum::http::Uri, Path(no): Path<String>) -> Response {
    match family_of(&uri) {
        Some(f) => reply(actions::show(&shared, f, &no)),
        None => bad_request("unknown family"),
    }
}

async fn accept(
    State(shared): Shared_,
    uri: axum::http::Uri,
    Path(no): Path<String>,
    bytes: Bytes,
) -> Response {
    match (family_of(&uri), body(&bytes)) {
        (Some(f), Ok(b)) => {
            reply(actions::accept(&shared, f, &no, b.openid, b.notify_url.as_deref()))
        }
        (None, _) => bad_request("unknown family"),
        (_, Err(e)) => bad_request(&e),
    }
}

async fn pay(
    State(shared): Shared_,
    uri: axum::http::Uri,
    Path(no): Path<String>,
    bytes: Bytes,
) -> Response {
    match (family_of(&uri), body(&bytes)) {
        (Some(f), Ok(b)) => reply(actions::pay(&shared, f, &no, b.notify_url.as_deref())),
        (None, _) => bad_request("unknown family"),
        (_, Err(e)) => bad_request(&e),
    }
}

async fn expire(State(shared): Shared_, uri: axum::http::Uri, Path(no): Path<String>) -> Response {
    match family_of(&uri) {
        Some(f) => reply(actions::expire(&shared, f, &no)),
        None => bad_request("unknown family"),
    }
}
