//! WeChat Pay's error answers (protocol §7), and the errors of the simulator's own API.

use http::StatusCode;
use serde_json::{Value, json};

/// An error answer of the simulated gateway: status, `code`, `message`, optional `detail`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) detail: Option<Value>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), detail: None }
    }

    pub(crate) fn with_detail(mut self, detail: Value) -> Self {
        self.detail = Some(detail);
        self
    }

    /// `400 PARAM_ERROR` naming a field: a JSON pointer for the body, else the parameter name.
    pub(crate) fn param(message: impl Into<String>, field: &str, location: &str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "PARAM_ERROR", message)
            .with_detail(json!({ "field": field, "location": location }))
    }

    /// `400 INVALID_REQUEST`: well-formed, but against the rules or the order's state.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "INVALID_REQUEST", message)
    }

    /// `400 INVALID_REQUEST 当前订单状态不合法`.
    pub(crate) fn bad_state() -> Self {
        Self::invalid("当前订单状态不合法")
    }

    /// `404 ORDER_NOT_EXIST`.
    pub(crate) fn order_not_exist() -> Self {
        Self::new(StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在")
    }

    /// `404 RESOURCE_NOT_EXISTS`.
    pub(crate) fn resource_not_exists(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "RESOURCE_NOT_EXISTS", message)
    }

    /// `404 NOT_FOUND` for a path no route serves.
    pub(crate) fn no_route() -> Self {
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", "请求的资源不存在")
    }

    /// `500 SYSTEM_ERROR`.
    pub(crate) fn system(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "SYSTEM_ERROR", message)
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Value {
        let mut body = json!({ "code": self.code, "message": self.message });
        if let (Some(detail), Some(map)) = (&self.detail, body.as_object_mut()) {
            map.insert("detail".to_owned(), detail.clone());
        }
        body
    }
}

/// Why the simulator could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address asked for.
        addr: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A key, certificate or id of the configuration is unusable.
    #[error("invalid simulator key material: {0}")]
    Keys(String),
}

/// Why a control action (a simulated user action, a rotation, …) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ControlError {
    /// No order with this number (for this sub-merchant).
    #[error("no order `{0}`")]
    OrderNotFound(String),
    /// The same order number exists for several merchants: name the sub-merchant.
    #[error("order `{0}` exists for several merchants; give the sub-merchant")]
    Ambiguous(String),
    /// The order is not in a state that allows the action.
    #[error("order `{out_order_no}` is {state}; {action} needs {needed}")]
    InvalidState {
        /// The order.
        out_order_no: String,
        /// Its state, e.g. `DOING/MCH_COMPLETE`.
        state: String,
        /// What was attempted.
        action: &'static str,
        /// The state it needs.
        needed: &'static str,
    },
    /// No matching authorization record.
    #[error("no authorization record matches")]
    AuthorizationNotFound,
    /// A certificate operation failed.
    #[error("certificate operation failed: {0}")]
    Certificate(String),
    /// The control request was malformed.
    #[error("bad control request: {0}")]
    BadRequest(String),
}

impl ControlError {
    /// The HTTP status of the control route answering with this error.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::OrderNotFound(_) | Self::AuthorizationNotFound => StatusCode::NOT_FOUND,
            Self::Ambiguous(_) | Self::InvalidState { .. } => StatusCode::CONFLICT,
            Self::Certificate(_) | Self::BadRequest(_) => StatusCode::BAD_REQUEST,
        }
    }
}
