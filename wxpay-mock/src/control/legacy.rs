//! Control actions of the legacy 先享后付 and 智慧零售 orders: the user accepting
//! (`PAYSCORE.USER_ACCEPTED`), WeChat charging a finished order (`PAYSCORE.USER_PAID`),
//! expiry, inspection. These orders carry no `notify_url`: events go to the URL the action
//! names, else to the server's service notification URL (WeChat: the one set in the
//! merchant portal).

use std::sync::Arc;

use serde_json::Value;

use crate::{
    ControlError, LegacyFamily, MockServer, Shared,
    notify::{self, Event},
    state::legacy::LegacyOrder,
    util,
};

fn event(
    shared: &Arc<Shared>,
    url: Option<&str>,
    kind: &'static str,
    summary: &'static str,
    resource: Value,
) {
    let url = url.map(str::to_owned).or_else(|| shared.config.service_notify_url.clone());
    let Some(url) = url else {
        tracing::debug!(kind, "no notification URL for the legacy order event");
        return;
    };
    notify::send(shared, Event { kind, summary, url, resource });
}

/// Runs `f` on the order `out_order_no` of `family` (of `mchid`, default: any merchant
/// with a single such order).
fn with_order<T>(
    shared: &Shared,
    family: LegacyFamily,
    mchid: Option<&str>,
    out_order_no: &str,
    f: impl FnOnce(&mut LegacyOrder) -> Result<T, ControlError>,
) -> Result<T, ControlError> {
    let mut state = shared.state();
    let mut found: Vec<&mut LegacyOrder> = state
        .legacy
        .orders
        .values_mut()
        .filter(|o| {
            o.family == family
                && o.out_order_no == out_order_no
                && mchid.is_none_or(|m| o.mchid == m)
        })
        .collect();
    match found.len() {
        0 => Err(ControlError::OrderNotFound(out_order_no.to_owned())),
        1 => f(found.remove(0)),
        _ => Err(ControlError::Ambiguous(out_order_no.to_owned())),
    }
}

fn refused(order: &LegacyOrder, action: &'static str, needed: &'static str) -> ControlError {
    ControlError::InvalidState {
        out_order_no: order.out_order_no.clone(),
        state: order.state.to_owned(),
        action,
        needed,
    }
}

/// The user accepts: `CREATED` → `USER_ACCEPTED`; returns the order with its `query_id`.
pub(crate) fn accept(
    shared: &Arc<Shared>,
    family: LegacyFamily,
    out_order_no: &str,
    openid: Option<String>,
    notify_url: Option<&str>,
) -> Result<Value, ControlError> {
    let openid = openid.unwrap_or_else(|| format!("oUpF8u{}", util::random_alnum(22)));
    let order = with_order(shared, family, None, out_order_no, |order| {
        if order.state != "CREATED" {
            return Err(refused(order, "accepting", "CREATED"));
        }
        order.accept(openid);
        Ok(order.clone())
    })?;
    event(shared, notify_url, "PAYSCORE.USER_ACCEPTED", "用户确认订单", order.accepted_json());
    let mut answer = order.to_json();
    if let (Some(map), Some(query_id)) = (answer.as_object_mut(), &order.query_id) {
        map.insert("query_id".into(), Value::String(query_id.clone()));
    }
    Ok(answer)
}

fn pay_order(
    shared: &Arc<Shared>,
    family: LegacyFamily,
    mchid: Option<&str>,
    out_order_no: &str,
    notify_url: Option<&str>,
) -> Result<Value, ControlError> {
    let order = with_order(shared, family, mchid, out_order_no, |order| {
        if order.state != "FINISHED" || order.total_amount.unwrap_or(0) == 0 {
            return Err(refused(order, "paying", "FINISHED with an amount to charge"));
        }
        order.settle(util::unix_now(), None);
        Ok(order.clone())
    })?;
    event(shared, notify_url, "PAYSCORE.USER_PAID", "用户支付成功", order.paid_json());
    Ok(order.to_json())
}

/// WeChat charges a finished order: `FINISHED` → `USER_PAID`.
pub(crate) fn pay(
    shared: &Arc<Shared>,
    family: LegacyFamily,
    out_order_no: &str,
    notify_url: Option<&str>,
) -> Result<Value, ControlError> {
    pay_order(shared, family, None, out_order_no, notify_url)
}

/// Charges after `delay` (auto-pay); nothing if the order is no longer payable.
pub(crate) fn pay_later(
    shared: &Arc<Shared>,
    family: LegacyFamily,
    mchid: String,
    out_order_no: String,
    delay: std::time::Duration,
) {
    let shared_task = Arc::clone(shared);
    let mut shutdown = shared.shutdown.clone();
    shared.runtime.spawn(async move {
        tokio::select! {
            () = tokio::time::sleep(delay) => {
                let _ = pay_order(&shared_task, family, Some(&mchid), &out_order_no, None);
            }
            _ = shutdown.wait_for(|stopped| *stopped) => {}
        }
    });
}

/// Expiry: `CREATED` → `EXPIRED` (WeChat: after an hour unaccepted).
pub(crate) fn expire(
    shared: &Arc<Shared>,
    family: LegacyFamily,
    out_order_no: &str,
) -> Result<Value, ControlError> {
    with_order(shared, family, None, out_order_no, |order| {
        if order.state != "CREATED" {
            return Err(refused(order, "expiring", "CREATED"));
        }
        order.state = "EXPIRED";
        Ok(order.to_json())
    })
}

/// The order as the query answers it.
pub(crate) fn show(
    shared: &Arc<Shared>,
    family: LegacyFamily,
    out_order_no: &str,
) -> Result<Value, ControlError> {
    with_order(shared, family, None, out_order_no, |order| Ok(order.to_json()))
}

impl MockServer {
    /// Simulates the user accepting a 先享后付 or 智慧零售 order in WeChat: `CREATED` →
    /// `USER_ACCEPTED` (openid set, `query_id` and `finish_ticket` issued), and
    /// `PAYSCORE.USER_ACCEPTED` sent to `notify_url`, else to the server's
    /// [service notification URL](crate::MockServerBuilder::service_notify_url). Returns the
    /// order as the query answers it, plus `query_id`.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the order does not exist or is not `CREATED`.
    pub fn accept_legacy_order(
        &self,
        family: LegacyFamily,
        out_order_no: &str,
        openid: Option<&str>,
        notify_url: Option<&str>,
    ) -> Result<Value, ControlError> {
        accept(&self.shared, family, out_order_no, openid.map(str::to_owned), notify_url)
    }

    /// Simulates WeChat charging a finished legacy order: `FINISHED` → `USER_PAID`
    /// (`pay_succ_time`, `finish_transaction_id`), and `PAYSCORE.USER_PAID` sent as for
    /// [`MockServer::accept_legacy_order`].
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the order does not exist or is not `FINISHED` with an amount.
    pub fn pay_legacy_order(
        &self,
        family: LegacyFamily,
        out_order_no: &str,
        notify_url: Option<&str>,
    ) -> Result<Value, ControlError> {
        pay(&self.shared, family, out_order_no, notify_url)
    }

    /// Expires an unaccepted legacy order: `CREATED` → `EXPIRED`.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the order does not exist or is not `CREATED`.
    pub fn expire_legacy_order(
        &self,
        family: LegacyFamily,
        out_order_no: &str,
    ) -> Result<Value, ControlError> {
        expire(&self.shared, family, out_order_no)
    }

    /// A legacy order as the query answers it.
    ///
    /// # Errors
    ///
    /// [`ControlError::OrderNotFound`] or [`ControlError::Ambiguous`].
    pub fn legacy_order(
        &self,
        family: LegacyFamily,
        out_order_no: &str,
    ) -> Result<Value, ControlError> {
        show(&self.shared, family, out_order_no)
    }
}
