//! `/__mock/service-account-applications/...` and `/__mock/sign-plans/...`: WeChat deciding
//! a service-account application, and a user signing or cancelling a sign plan.

use std::sync::Arc;

use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query, State},
    response::Response,
    routing::post,
};
use serde::{Deserialize, de::DeserializeOwned};

use super::{Owner, Shared_, bad_request, reply};
use crate::{
    Shared,
    control::{service_account, sign_plan},
};

/// Optional body of the reject route.
#[derive(Debug, Default, Deserialize)]
struct Reject {
    reject_reason: Option<String>,
}

/// Optional body of the user's cancel route.
#[derive(Debug, Default, Deserialize)]
struct Cancel {
    reason: Option<String>,
}

/// An optional JSON body (empty: the default).
fn optional<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, String> {
    if body.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

pub(super) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/service-account-applications/{out_apply_no}/approve", post(approve))
        .route("/service-account-applications/{out_apply_no}/reject", post(reject))
        .route("/sign-plans/{merchant_sign_plan_no}/sign", post(sign))
        .route("/sign-plans/{merchant_sign_plan_no}/cancel", post(cancel))
}

async fn approve(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(service_account::decide(&shared, owner.mchid.as_deref(), &no, true, None))
}

async fn reject(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
    body: Bytes,
) -> Response {
    match optional::<Reject>(&body) {
        Ok(r) => reply(service_account::decide(
            &shared,
            owner.mchid.as_deref(),
            &no,
            false,
            r.reject_reason.as_deref(),
        )),
        Err(message) => bad_request(&message),
    }
}

async fn sign(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(sign_plan::sign(&shared, &no, owner.sub_mchid.as_deref()))
}

async fn cancel(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
    body: Bytes,
) -> Response {
    match optional::<Cancel>(&body) {
        Ok(c) => {
            reply(sign_plan::cancel(&shared, &no, owner.sub_mchid.as_deref(), c.reason.as_deref()))
        }
        Err(message) => bad_request(&message),
    }
}
