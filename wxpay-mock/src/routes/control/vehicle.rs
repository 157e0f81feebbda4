//! `/__mock/vehicle/...`: PayScore parking control routes.

use std::sync::Arc;

use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query, State},
    response::Response,
    routing::post,
};
use serde::Deserialize;

use super::{Owner, Shared_, bad_request, mchid, reply};
use crate::{ParkingUser, Shared, control::vehicle as actions};

/// Body of the entry state route.
#[derive(Debug, Deserialize)]
struct EntryState {
    state: String,
    reason: Option<String>,
}

pub(super) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/vehicle/services", post(set_user))
        .route("/vehicle/parkings/{parking_id}/state", post(set_state))
        .route("/vehicle/transactions/{out_trade_no}/pay", post(pay))
        .route("/vehicle/transactions/{out_trade_no}/fail", post(fail))
}

async fn set_user(State(shared): Shared_, body: Bytes) -> Response {
    match serde_json::from_slice::<ParkingUser>(&body) {
        Ok(user) => reply(actions::set_service(&shared, &mchid(&shared), &user)),
        Err(e) => bad_request(&e.to_string()),
    }
}

async fn set_state(State(shared): Shared_, Path(id): Path<String>, body: Bytes) -> Response {
    match serde_json::from_slice::<EntryState>(&body) {
        Ok(s) => reply(actions::set_parking_state(&shared, &id, &s.state, s.reason.as_deref())),
        Err(e) => bad_request(&e.to_string()),
    }
}

async fn pay(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(actions::settle(&shared, &no, owner.sub_mchid.as_deref(), true))
}

async fn fail(
    State(shared): Shared_,
    Path(no): Path<String>,
    Query(owner): Query<Owner>,
) -> Response {
    reply(actions::settle(&shared, &no, owner.sub_mchid.as_deref(), false))
}
