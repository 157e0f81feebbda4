//! Control actions of users' sign plans: the user signing (`UNSIGNED` → `SIGNED`,
//! `PAYSCORE.USER_SIGN_PLAN`) and the user cancelling a signed plan (`SIGN_PLAN_CANCEL`,
//! `cancel_sign_type` `USER`, `PAYSCORE.USER_CANCEL_SIGN_PLAN`), both sent to the sign
//! plan's `notify_url`.

use std::sync::Arc;

use serde_json::Value;

use crate::{
    ControlError, MockServer, Shared,
    notify::{self, Event},
    state::sign_plan::{SignPlan, SignState},
    util,
};

/// Runs `change` on the sign plan `no` (of `sub_mchid` when given; an ambiguous number is
/// refused), then sends `kind` with the changed sign plan.
fn act(
    shared: &Arc<Shared>,
    no: &str,
    sub_mchid: Option<&str>,
    (kind, summary, action, needed): (&'static str, &'static str, &'static str, &'static str),
    change: impl FnOnce(&mut SignPlan, i64) -> Result<(), SignState>,
) -> Result<Value, ControlError> {
    let sign_plan = {
        let mut state = shared.state();
        let found = state
            .sign_plans
            .iter()
            .map(|(key, _)| key)
            .filter(|(owner, n)| {
                n == no && sub_mchid.is_none_or(|s| owner.sub_mchid.as_deref() == Some(s))
            })
            .cloned()
            .collect();
        let key = super::single(found, no)?;
        let sign_plan = state
            .sign_plans
            .get_mut(&key)
            .ok_or_else(|| ControlError::OrderNotFound(no.to_owned()))?;
        change(sign_plan, util::unix_now()).map_err(|was| ControlError::InvalidState {
            out_order_no: no.to_owned(),
            state: was.as_str().to_owned(),
            action,
            needed,
        })?;
        sign_plan.clone()
    };
    let resource = sign_plan.to_json();
    let url = sign_plan.notify_url;
    notify::send(shared, Event { kind, summary, url, resource: resource.clone() });
    Ok(resource)
}

pub(crate) fn sign(
    shared: &Arc<Shared>,
    no: &str,
    sub_mchid: Option<&str>,
) -> Result<Value, ControlError> {
    act(
        shared,
        no,
        sub_mchid,
        ("PAYSCORE.USER_SIGN_PLAN", "签约成功", "signing", "UNSIGNED"),
        SignPlan::sign,
    )
}

pub(crate) fn cancel(
    shared: &Arc<Shared>,
    no: &str,
    sub_mchid: Option<&str>,
    reason: Option<&str>,
) -> Result<Value, ControlError> {
    let reason = reason.map(str::to_owned);
    act(
        shared,
        no,
        sub_mchid,
        ("PAYSCORE.USER_CANCEL_SIGN_PLAN", "取消签约", "cancelling", "SIGNED"),
        |plan, at| plan.cancel("USER", reason, at),
    )
}

impl MockServer {
    /// Simulates the user signing the sign plan `merchant_sign_plan_no` in WeChat:
    /// `UNSIGNED` → `SIGNED` (the plan runs `plan_duration` days from now), and
    /// `PAYSCORE.USER_SIGN_PLAN` sent to its `notify_url`. `sub_mchid` names the
    /// sub-merchant when the number exists for several. Returns the sign plan as the query
    /// answers it.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the sign plan is unknown, ambiguous or not `UNSIGNED`.
    pub fn sign_user_plan(
        &self,
        merchant_sign_plan_no: &str,
        sub_mchid: Option<&str>,
    ) -> Result<Value, ControlError> {
        sign(&self.shared, merchant_sign_plan_no, sub_mchid)
    }

    /// Simulates the user cancelling a signed sign plan: `SIGN_PLAN_CANCEL` with
    /// `cancel_sign_type` `USER` and `reason`, the unused items `SIGN_PLAN_DETAIL_CANCEL`,
    /// and `PAYSCORE.USER_CANCEL_SIGN_PLAN` sent to its `notify_url`.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the sign plan is unknown, ambiguous or not `SIGNED`.
    pub fn cancel_user_sign_plan(
        &self,
        merchant_sign_plan_no: &str,
        sub_mchid: Option<&str>,
        reason: Option<&str>,
    ) -> Result<Value, ControlError> {
        cancel(&self.shared, merchant_sign_plan_no, sub_mchid, reason)
    }
}
