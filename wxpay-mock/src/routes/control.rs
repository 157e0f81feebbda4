//! The control routes under `/__mock/`: simulated user actions and inspection over HTTP,
//! for SDKs in other languages. Not part of WeChat Pay's API; not authenticated.
//!
//! | route | action |
//! | --- | --- |
//! | `POST /__mock/orders/{out_order_no}/confirm[?sub_mchid=…]` | user confirms (body `{"openid": …}` optional) |
//! | `POST /__mock/orders/{out_order_no}/pay[?sub_mchid=…]` | charge succeeds |
//! | `POST /__mock/orders/{out_order_no}/expire[?sub_mchid=…]` | order expires |
//! | `GET /__mock/orders/{out_order_no}[?sub_mchid=…]`, `GET /__mock/orders` | inspect |
//! | `POST /__mock/permissions/open`, `POST /__mock/permissions/close` | user opens / closes the service (body: a `ServiceAction`) |
//! | `POST /__mock/certificates/rotate`, `DELETE /__mock/certificates/{serial}`, `GET /__mock/certificates` | platform certificates |
//! | `GET /__mock/notifications`, `GET /__mock/requests` | what was sent and received |
//! | `GET`, `POST`, `DELETE /__mock/faults` | fault rules (body of `POST`: a `Fault`; `400` when out of range, see `Fault::check`) |
//! | `GET /__mock/health` | `{"status":"ok"}` |
//! | `POST /__mock/payafter-orders/{out_order_no}/accept`, `…/pay`, `…/expire`, `GET …/{out_order_no}` (also `smartretail-orders`) | legacy orders: user accepts (body `{"openid":…,"notify_url":…}` optional), charge, expiry, inspect |
//! | `POST /__mock/vehicle/services` | a user's parking service for a plate (body: a `ParkingUser`) |
//! | `POST /__mock/vehicle/parkings/{parking_id}/state` | entry state (body `{"state":"BLOCKED","reason":"PAUSE"}`) |
//! | `POST /__mock/vehicle/transactions/{out_trade_no}/pay`, `…/fail` `[?sub_mchid=…]` | charge succeeds / fails |
//! | `POST /__mock/service-account-applications/{out_apply_no}/approve`, `…/reject` `[?mchid=…]` | WeChat approves / rejects a `PROCESSING` application (reject body `{"reject_reason":…}` optional), `PAYSCORE.BIND_SERVICE_ACCOUNT` to its `result_notify_url` |
//! | `POST /__mock/sign-plans/{merchant_sign_plan_no}/sign`, `…/cancel` `[?sub_mchid=…]` | the user signs an `UNSIGNED` sign plan (`PAYSCORE.USER_SIGN_PLAN`) / cancels a `SIGNED` one (body `{"reason":…}` optional, `PAYSCORE.USER_CANCEL_SIGN_PLAN`) |

use std::sync::{Arc, PoisonError};

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{
    ControlError, Fault, OrderKey, PlatformKeyPair, ServiceAction, Shared, control as actions,
};

/// Optional query of the order routes.
#[derive(Debug, Default, Deserialize)]
struct Owner {
    sub_mchid: Option<String>,
    mchid: Option<String>,
}

/// Optional body of the confirm route.
#[derive(Debug, Default, Deserialize)]
struct Confirm {
    openid: Option<String>,
}

type Shared_ = State<Arc<Shared>>;

mod legacy;
mod plans;
mod vehicle;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/health", get(|| async { Json(json!({ "status": "ok" })) }))
        .route("/orders", get(list_orders))
        .route("/orders/{out_order_no}", get(show_order))
        .route("/orders/{out_order_no}/confirm", post(confirm))
        .route("/orders/{out_order_no}/pay", post(pay))
        .route("/orders/{out_order_no}/expire", post(expire))
        .route("/permissions/open", post(open_service))
        .route("/permissions/close", post(close_service))
        .route("/certificates", get(certificates))
        .route("/certificates/rotate", post(rotate))
        .route("/certificates/{serial}", delete(remove_certificate))
        .route("/notifications", get(notifications))
        .route("/requests", get(requests))
        .route("/faults", get(faults).post(add_fault).delete(clear_faults))
        .merge(vehicle::router())
        .merge(legacy::router())
        .merge(plans::router())
}

fn reply(result: Result<Value, ControlError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(err) => {
            (err.status(), Json(json!({ "code": "CONTROL_ERROR", "message": err.to_string() })))
                .into_response()
        }
    }
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "code": "CONTROL_ERROR", "message": message })))
        .into_response()
}

fn key(out_order_no: String, owner: Owner) -> OrderKey {
    OrderKey { out_order_no, sub_mchid: owner.sub_mchid, mchid: owner.mchid }
}

/// The simulator's own merchant id.
fn mchid(shared: &Shared) -> String {
    shared.primary_mchid.clone()
}

async fn list_orders(State(shared): Shared_) -> Response {
    Json(Value::Array(actions::orders(&shared))).into_response()
}

async fn show_order(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(actions::order(&shared, &mchid(&shared), &key(no, owner)))
}

async fn confirm(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
    body: Bytes,
) -> Response {
    let confirm: Confirm = if body.is_empty() {
        Confirm::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(c) => c,
            Err(e) => return bad_request(&e.to_string()),
        }
    };
    reply(
        actions::confirm(&shared, &mchid(&shared), &key(no, owner), confirm.openid).and_then(|c| {
            serde_json::to_value(c).map_err(|e| ControlError::BadRequest(e.to_string()))
        }),
    )
}

async fn pay(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(actions::pay(&shared, &mchid(&shared), &key(no, owner)))
}

async fn expire(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(actions::expire(&shared, &mchid(&shared), &key(no, owner)))
}

fn action(body: &[u8]) -> Result<ServiceAction, String> {
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

async fn open_service(State(shared): Shared_, body: Bytes) -> Response {
    match action(&body) {
        Ok(action) => reply(actions::open_service(&shared, &mchid(&shared), &action)),
        Err(message) => bad_request(&message),
    }
}

async fn close_service(State(shared): Shared_, body: Bytes) -> Response {
    match action(&body) {
        Ok(action) => reply(actions::close_service(&shared, &mchid(&shared), &action)),
        Err(message) => bad_request(&message),
    }
}

async fn certificates(State(shared): Shared_) -> Response {
    Json(json!({
        "serials": actions::certificate_serials(&shared),
        "current": shared.signer().current_serial(),
    }))
    .into_response()
}

async fn rotate(State(shared): Shared_) -> Response {
    let result = PlatformKeyPair::generate()
        .map_err(ControlError::Certificate)
        .and_then(|pair| actions::add_certificate(&shared, &pair))
        .map(|serial| json!({ "serial_no": serial }));
    reply(result)
}

async fn remove_certificate(State(shared): Shared_, Path(serial): Path<String>) -> Response {
    reply(actions::remove_certificate(&shared, &serial).map(|()| json!({ "removed": serial })))
}

async fn notifications(State(shared): Shared_) -> Response {
    Json(shared.deliveries.snapshot()).into_response()
}

async fn requests(State(shared): Shared_) -> Response {
    Json(shared.requests.snapshot()).into_response()
}

async fn faults(State(shared): Shared_) -> Response {
    let rules = shared.faults.lock().unwrap_or_else(PoisonError::into_inner).rules();
    Json(rules).into_response()
}

async fn add_fault(State(shared): Shared_, body: Bytes) -> Response {
    match serde_json::from_slice::<Fault>(&body) {
        Ok(fault) => match fault.check() {
            Ok(()) => {
                shared.faults.lock().unwrap_or_else(PoisonError::into_inner).add(fault);
                (StatusCode::CREATED, Json(json!({ "added": true }))).into_response()
            }
            Err(reason) => bad_request(&format!("invalid fault rule: {reason}")),
        },
        Err(e) => bad_request(&format!("invalid fault rule: {e}")),
    }
}

async fn clear_faults(State(shared): Shared_) -> Response {
    shared.faults.lock().unwrap_or_else(PoisonError::into_inner).clear();
    StatusCode::NO_CONTENT.into_response()
}
