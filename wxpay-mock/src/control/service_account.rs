//! Control actions of service-account applications: WeChat approving or rejecting a
//! `PROCESSING` application, with `PAYSCORE.BIND_SERVICE_ACCOUNT` sent to its
//! `result_notify_url` (none without one: "若不填写则无法收到服务账户绑定通知").

use std::sync::Arc;

use serde_json::Value;

use crate::{
    ControlError, MockServer, Shared,
    notify::{self, Event},
    state::service_account::{APPROVED, PROCESSING, REJECTED},
};

/// What a rejection says when the action gives no reason.
const DEFAULT_REJECT_REASON: &str = "子商户不满足绑定条件";

/// Approves (`APPROVED`) or rejects (`REJECTED`, with `reject_reason`) the application
/// `out_apply_no` (of `mchid`, default: the only provider with that number).
pub(crate) fn decide(
    shared: &Arc<Shared>,
    mchid: Option<&str>,
    out_apply_no: &str,
    approve: bool,
    reject_reason: Option<&str>,
) -> Result<Value, ControlError> {
    let application = {
        let mut state = shared.state();
        let found = state
            .service_accounts
            .iter()
            .map(|(key, _)| key)
            .filter(|(m, no)| no == out_apply_no && mchid.is_none_or(|wanted| m == wanted))
            .cloned()
            .collect();
        let key = super::single(found, out_apply_no)?;
        let application = state
            .service_accounts
            .get_mut(&key)
            .ok_or_else(|| ControlError::OrderNotFound(out_apply_no.to_owned()))?;
        if application.apply_state != PROCESSING {
            return Err(ControlError::InvalidState {
                out_order_no: out_apply_no.to_owned(),
                state: application.apply_state.to_owned(),
                action: if approve { "approving" } else { "rejecting" },
                needed: PROCESSING,
            });
        }
        if approve {
            application.apply_state = APPROVED;
        } else {
            application.apply_state = REJECTED;
            application.reject_reason =
                Some(reject_reason.unwrap_or(DEFAULT_REJECT_REASON).to_owned());
        }
        application.clone()
    };
    if let Some(url) = &application.result_notify_url {
        notify::send(
            shared,
            Event {
                kind: "PAYSCORE.BIND_SERVICE_ACCOUNT",
                summary: "服务账户绑定结果通知",
                url: url.clone(),
                resource: application.event_json(),
            },
        );
    }
    Ok(application.to_json())
}

impl MockServer {
    /// Simulates WeChat approving the service-account application `out_apply_no`:
    /// `PROCESSING` → `APPROVED`, and `PAYSCORE.BIND_SERVICE_ACCOUNT` sent to its
    /// `result_notify_url` (if it has one). Returns the application as the query answers it.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the application is unknown or no longer `PROCESSING`.
    pub fn approve_service_account(&self, out_apply_no: &str) -> Result<Value, ControlError> {
        decide(&self.shared, None, out_apply_no, true, None)
    }

    /// Simulates WeChat rejecting the application: `PROCESSING` → `REJECTED` with
    /// `reject_reason` (a default one if `None`), and `PAYSCORE.BIND_SERVICE_ACCOUNT` sent.
    ///
    /// # Errors
    ///
    /// As [`MockServer::approve_service_account`].
    pub fn reject_service_account(
        &self,
        out_apply_no: &str,
        reject_reason: Option<&str>,
    ) -> Result<Value, ControlError> {
        decide(&self.shared, None, out_apply_no, false, reject_reason)
    }
}
