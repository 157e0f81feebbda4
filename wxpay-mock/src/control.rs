//! The control API: simulated user actions (confirm, pay, open or close the service),
//! certificate rotation and inspection. Methods on [`MockServer`], and the same actions as
//! HTTP routes under `/__mock/` (see `routes/control.rs`).

pub(crate) mod legacy;
pub(crate) mod service_account;
pub(crate) mod sign_plan;
pub(crate) mod vehicle;

use std::sync::{Arc, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wxpay_core::{PlatformCertificate, PrivateKey};

use crate::{
    ControlError, MockServer, PlatformKeyPair, Shared,
    notify::{self, Event},
    signing::PlatformKey,
    state::{Authorization, NOTIFY_KEYS, Order, Owner},
    util,
};

/// Names an order for a control action: its number and, when the same number exists for
/// several (sub-)merchants, the sub-merchant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderKey {
    /// `out_order_no`.
    pub out_order_no: String,
    /// The sub-merchant (partner mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// The merchant, when the simulator serves several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
}

impl OrderKey {
    /// A partner-mode order of `sub_mchid`.
    #[must_use]
    pub fn partner(sub_mchid: impl Into<String>, out_order_no: impl Into<String>) -> Self {
        Self { out_order_no: out_order_no.into(), sub_mchid: Some(sub_mchid.into()), mchid: None }
    }
}

impl From<&str> for OrderKey {
    fn from(out_order_no: &str) -> Self {
        Self { out_order_no: out_order_no.to_owned(), ..Self::default() }
    }
}

impl From<String> for OrderKey {
    fn from(out_order_no: String) -> Self {
        Self { out_order_no, ..Self::default() }
    }
}

impl From<&wxpay_core::OutOrderNo> for OrderKey {
    fn from(out_order_no: &wxpay_core::OutOrderNo) -> Self {
        Self::from(out_order_no.as_str())
    }
}

/// The result of a simulated user confirmation.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ConfirmedOrder {
    /// The `query_id` the front end receives after the confirmation page.
    pub query_id: String,
    /// The user's openid now on the order.
    pub openid: String,
    /// The order as the query endpoint reports it.
    pub order: Value,
}

/// A simulated user opening or closing the service (授权 / 解除授权).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceAction {
    /// The PayScore service id.
    pub service_id: String,
    /// The AppID (needed when no pre-authorization names the record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// The user's openid under `appid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The merchant (default: the simulator's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// The sub-merchant (partner mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// The sub-merchant AppID (partner mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The user's openid under `sub_appid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// The pre-authorization's `authorization_code`, to complete it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// Where to send the event (default: the pre-authorization's `notify_url`, else the
    /// server's service notification URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
}

impl ServiceAction {
    /// User `openid` of `appid` and service `service_id`.
    #[must_use]
    pub fn new(
        service_id: impl Into<String>,
        appid: impl Into<String>,
        openid: impl Into<String>,
    ) -> Self {
        Self {
            service_id: service_id.into(),
            appid: Some(appid.into()),
            openid: Some(openid.into()),
            ..Self::default()
        }
    }

    /// The user who completes the pre-authorization `authorization_code`.
    #[must_use]
    pub fn for_authorization_code(
        service_id: impl Into<String>,
        authorization_code: impl Into<String>,
        openid: impl Into<String>,
    ) -> Self {
        Self {
            service_id: service_id.into(),
            authorization_code: Some(authorization_code.into()),
            openid: Some(openid.into()),
            ..Self::default()
        }
    }

    /// In partner mode, for `sub_mchid`.
    #[must_use]
    pub fn with_sub_mchid(mut self, sub_mchid: impl Into<String>) -> Self {
        self.sub_mchid = Some(sub_mchid.into());
        self
    }

    /// Sets `sub_appid` and the user's `sub_openid`.
    #[must_use]
    pub fn with_sub_openid(
        mut self,
        sub_appid: impl Into<String>,
        sub_openid: impl Into<String>,
    ) -> Self {
        self.sub_appid = Some(sub_appid.into());
        self.sub_openid = Some(sub_openid.into());
        self
    }

    /// Sets where the event goes.
    #[must_use]
    pub fn with_notify_url(mut self, url: impl Into<String>) -> Self {
        self.notify_url = Some(url.into());
        self
    }
}

/// The one record a control action names among those `found` with its number `no`.
pub(crate) fn single<K>(mut found: Vec<K>, no: &str) -> Result<K, ControlError> {
    match found.len() {
        0 => Err(ControlError::OrderNotFound(no.to_owned())),
        1 => Ok(found.remove(0)),
        _ => Err(ControlError::Ambiguous(no.to_owned())),
    }
}

/// A default openid for simulated users.
fn simulated_openid() -> String {
    format!("oUpF8u{}", util::random_alnum(22))
}

/// Finds the owner of the order `key` names.
fn resolve(shared: &Shared, default_mchid: &str, key: &OrderKey) -> Result<Owner, ControlError> {
    let state = shared.state();
    let candidates: Vec<&Order> = state
        .orders_numbered(&key.out_order_no)
        .into_iter()
        .filter(|o| key.sub_mchid.is_none() || o.owner.sub_mchid == key.sub_mchid)
        .filter(|o| o.owner.mchid == key.mchid.as_deref().unwrap_or(&o.owner.mchid))
        .collect();
    match candidates.as_slice() {
        [] => Err(ControlError::OrderNotFound(key.out_order_no.clone())),
        [one] => Ok(one.owner.clone()),
        many => {
            // Without a sub-merchant, a single direct-mode order wins.
            let direct: Vec<&&Order> = many
                .iter()
                .filter(|o| o.owner.sub_mchid.is_none() && o.owner.mchid == default_mchid)
                .collect();
            match direct.as_slice() {
                [one] if key.sub_mchid.is_none() => Ok(one.owner.clone()),
                _ => Err(ControlError::Ambiguous(key.out_order_no.clone())),
            }
        }
    }
}

/// Sends the order event `event_type` to the order's `notify_url`.
fn order_event(
    shared: &Arc<Shared>,
    order: &Order,
    event_type: &'static str,
    summary: &'static str,
) {
    let resource = shared.state().family_view(order, NOTIFY_KEYS);
    notify::send(
        shared,
        Event { kind: event_type, summary, url: order.notify_url.clone(), resource },
    );
}

pub(crate) fn confirm(
    shared: &Arc<Shared>,
    default_mchid: &str,
    key: &OrderKey,
    openid: Option<String>,
) -> Result<ConfirmedOrder, ControlError> {
    let owner = resolve(shared, default_mchid, key)?;
    let openid = openid.unwrap_or_else(simulated_openid);
    let mut order = shared.state().confirm(&owner, &key.out_order_no, openid.clone())?;
    // WeChat's `PAYSCORE.USER_CONFIRM` resource carries `need_collection` (是否需要收款);
    // a confirmed order is to be collected unless completed at 0.
    order.need_collection.get_or_insert(true);
    order_event(shared, &order, "PAYSCORE.USER_CONFIRM", "用户确认订单");
    Ok(ConfirmedOrder {
        query_id: order.query_id.clone().unwrap_or_default(),
        openid,
        order: order.view(crate::state::ORDER_KEYS),
    })
}

pub(crate) fn pay(
    shared: &Arc<Shared>,
    default_mchid: &str,
    key: &OrderKey,
) -> Result<Value, ControlError> {
    let owner = resolve(shared, default_mchid, key)?;
    let order = shared.state().pay(&owner, &key.out_order_no)?;
    order_event(shared, &order, "PAYSCORE.USER_PAID", "用户支付成功");
    Ok(order.view(crate::state::ORDER_KEYS))
}

/// Charges the order after `delay` (auto-pay); does nothing if it is no longer payable.
pub(crate) fn pay_later(
    shared: &Arc<Shared>,
    owner: Owner,
    out_order_no: String,
    delay: std::time::Duration,
) {
    let shared_task = Arc::clone(shared);
    let mut shutdown = shared.shutdown.clone();
    shared.runtime.spawn(async move {
        tokio::select! {
            () = tokio::time::sleep(delay) => {
                let paid = shared_task.state().pay(&owner, &out_order_no);
                if let Ok(order) = paid {
                    order_event(&shared_task, &order, "PAYSCORE.USER_PAID", "用户支付成功");
                }
            }
            _ = shutdown.wait_for(|stopped| *stopped) => {}
        }
    });
}

pub(crate) fn expire(
    shared: &Arc<Shared>,
    default_mchid: &str,
    key: &OrderKey,
) -> Result<Value, ControlError> {
    let owner = resolve(shared, default_mchid, key)?;
    let order = shared.state().expire(&owner, &key.out_order_no)?;
    Ok(order.view(crate::state::ORDER_KEYS))
}

pub(crate) fn order(
    shared: &Arc<Shared>,
    default_mchid: &str,
    key: &OrderKey,
) -> Result<Value, ControlError> {
    let owner = resolve(shared, default_mchid, key)?;
    let state = shared.state();
    let order = state
        .order(&owner, &key.out_order_no)
        .ok_or_else(|| ControlError::OrderNotFound(key.out_order_no.clone()))?;
    Ok(order.view(crate::state::ORDER_KEYS))
}

pub(crate) fn orders(shared: &Arc<Shared>) -> Vec<Value> {
    shared.state().all_orders().into_iter().map(|o| o.view(crate::state::ORDER_KEYS)).collect()
}

fn find_authorization<'a>(
    list: &'a mut [Authorization],
    owner: &Owner,
    action: &ServiceAction,
) -> Option<&'a mut Authorization> {
    list.iter_mut().rev().find(|a| {
        a.owner == *owner
            && a.service_id == action.service_id
            && match (&action.authorization_code, &action.openid, &action.sub_openid) {
                (Some(code), _, _) => a.authorization_code.as_ref() == Some(code),
                (None, Some(openid), _) => a.openid.as_ref() == Some(openid),
                (None, None, Some(sub_openid)) => a.sub_openid.as_ref() == Some(sub_openid),
                (None, None, None) => false,
            }
    })
}

pub(crate) fn open_service(
    shared: &Arc<Shared>,
    default_mchid: &str,
    action: &ServiceAction,
) -> Result<Value, ControlError> {
    if action.openid.is_none() && action.sub_openid.is_none() {
        return Err(ControlError::BadRequest("openid or sub_openid is required".into()));
    }
    let owner = Owner {
        mchid: action.mchid.clone().unwrap_or_else(|| default_mchid.to_owned()),
        sub_mchid: action.sub_mchid.clone(),
    };
    let now = util::unix_now();
    let mut state = shared.state();
    let record = match find_authorization(&mut state.authorizations, &owner, action) {
        Some(record) => record,
        None if action.authorization_code.is_some() => {
            return Err(ControlError::AuthorizationNotFound);
        }
        None => {
            let appid = action.appid.clone().ok_or_else(|| {
                ControlError::BadRequest("appid is required without a pre-authorization".into())
            })?;
            state.authorizations.push(Authorization {
                owner: owner.clone(),
                service_id: action.service_id.clone(),
                appid,
                sub_appid: None,
                authorization_code: None,
                openid: None,
                sub_openid: None,
                available: false,
                notify_url: None,
                token: String::new(),
                request: None,
                success_time: None,
                cancel_time: None,
            });
            let last = state.authorizations.len() - 1;
            &mut state.authorizations[last]
        }
    };
    record.available = true;
    record.success_time = Some(now);
    record.cancel_time = None;
    if action.openid.is_some() {
        record.openid.clone_from(&action.openid);
    }
    if action.sub_openid.is_some() {
        record.sub_openid.clone_from(&action.sub_openid);
    }
    if action.sub_appid.is_some() {
        record.sub_appid.clone_from(&action.sub_appid);
    }
    if record.openid.is_none() {
        // WeChat always reports the user under the merchant's `appid` too.
        record.openid = Some(simulated_openid());
    }
    let record = record.clone();
    drop(state);
    authorization_event(
        shared,
        &record,
        action,
        "PAYSCORE.USER_OPEN_SERVICE",
        "USER_OPEN_SERVICE",
        now,
    );
    Ok(record.to_json(None))
}

pub(crate) fn close_service(
    shared: &Arc<Shared>,
    default_mchid: &str,
    action: &ServiceAction,
) -> Result<Value, ControlError> {
    let owner = Owner {
        mchid: action.mchid.clone().unwrap_or_else(|| default_mchid.to_owned()),
        sub_mchid: action.sub_mchid.clone(),
    };
    let now = util::unix_now();
    let mut state = shared.state();
    let record = find_authorization(&mut state.authorizations, &owner, action)
        .filter(|a| a.available)
        .ok_or(ControlError::AuthorizationNotFound)?;
    record.available = false;
    record.cancel_time = Some(now);
    let record = record.clone();
    drop(state);
    authorization_event(
        shared,
        &record,
        action,
        "PAYSCORE.USER_CLOSE_SERVICE",
        "USER_CLOSE_SERVICE",
        now,
    );
    Ok(record.to_json(None))
}

fn authorization_event(
    shared: &Arc<Shared>,
    record: &Authorization,
    action: &ServiceAction,
    event_type: &'static str,
    status: &str,
    at: i64,
) {
    let url = action
        .notify_url
        .clone()
        .or_else(|| record.notify_url.clone())
        .or_else(|| shared.config.service_notify_url.clone());
    let Some(url) = url else {
        tracing::debug!(event_type, "no notify_url for the authorization event");
        return;
    };
    let summary =
        if status == "USER_OPEN_SERVICE" { "用户开启服务" } else { "用户解除服务" };
    notify::send(
        shared,
        Event { kind: event_type, summary, url, resource: record.event_json(status, at) },
    );
}

pub(crate) fn add_certificate(
    shared: &Shared,
    pair: &PlatformKeyPair,
) -> Result<String, ControlError> {
    let key = PrivateKey::from_pem(&pair.key_pem)
        .map_err(|e| ControlError::Certificate(e.to_string()))?;
    let cert = PlatformCertificate::from_pem(&pair.cert_pem)
        .map_err(|e| ControlError::Certificate(e.to_string()))?;
    let probe = b"wxpay-mock rotation";
    let signature = key.sign_base64(probe).map_err(|e| ControlError::Certificate(e.to_string()))?;
    let raw = {
        use base64::{Engine as _, engine::general_purpose::STANDARD};
        STANDARD.decode(signature).unwrap_or_default()
    };
    if !cert.public_key.verify(probe, &raw) {
        return Err(ControlError::Certificate("the certificate is not the key's".into()));
    }
    let serial = cert.serial.to_string();
    let mut signer = shared.signer.write().unwrap_or_else(PoisonError::into_inner);
    signer.certificates.retain(|c| c.cert.serial != cert.serial);
    signer.certificates.push(PlatformKey { key, cert, cert_pem: pair.cert_pem.clone() });
    Ok(serial)
}

pub(crate) fn remove_certificate(shared: &Shared, serial: &str) -> Result<(), ControlError> {
    let mut signer = shared.signer.write().unwrap_or_else(PoisonError::into_inner);
    if signer.certificates.len() == 1 && signer.certificates[0].cert.serial.matches(serial) {
        return Err(ControlError::Certificate(
            "cannot remove the last platform certificate".into(),
        ));
    }
    let before = signer.certificates.len();
    signer.certificates.retain(|c| !c.cert.serial.matches(serial));
    if signer.certificates.len() == before {
        return Err(ControlError::Certificate(format!("no certificate `{serial}`")));
    }
    Ok(())
}

pub(crate) fn certificate_serials(shared: &Shared) -> Vec<String> {
    shared.signer().certificates.iter().map(|c| c.cert.serial.to_string()).collect()
}

impl MockServer {
    /// Simulates the user confirming order `key` in WeChat: `CREATED` → `DOING` /
    /// `USER_CONFIRM`, a random openid set, a `query_id` issued, and
    /// `PAYSCORE.USER_CONFIRM` sent to the order's `notify_url`.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the order does not exist or is not `CREATED`.
    pub fn confirm_order(&self, key: impl Into<OrderKey>) -> Result<ConfirmedOrder, ControlError> {
        confirm(&self.shared, &self.material.mchid, &key.into(), None)
    }

    /// Like [`MockServer::confirm_order`] with the user's `openid`.
    ///
    /// # Errors
    ///
    /// As [`MockServer::confirm_order`].
    pub fn confirm_order_as(
        &self,
        key: impl Into<OrderKey>,
        openid: impl Into<String>,
    ) -> Result<ConfirmedOrder, ControlError> {
        confirm(&self.shared, &self.material.mchid, &key.into(), Some(openid.into()))
    }

    /// Simulates a successful charge of a completed order: `DOING` / `MCH_COMPLETE` →
    /// `DONE`, `collection` `USER_PAID` with a `NEWTON` detail and a `transaction_id`, and
    /// `PAYSCORE.USER_PAID` sent. Returns the order.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the order does not exist or is not being charged.
    pub fn pay_order(&self, key: impl Into<OrderKey>) -> Result<Value, ControlError> {
        pay(&self.shared, &self.material.mchid, &key.into())
    }

    /// Expires an unconfirmed order: `CREATED` → `EXPIRED` (WeChat does it after 30 days).
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the order does not exist or is not `CREATED`.
    pub fn expire_order(&self, key: impl Into<OrderKey>) -> Result<Value, ControlError> {
        expire(&self.shared, &self.material.mchid, &key.into())
    }

    /// The order as the query endpoint reports it.
    ///
    /// # Errors
    ///
    /// [`ControlError::OrderNotFound`] or [`ControlError::Ambiguous`].
    pub fn order(&self, key: impl Into<OrderKey>) -> Result<Value, ControlError> {
        order(&self.shared, &self.material.mchid, &key.into())
    }

    /// Every order.
    #[must_use]
    pub fn orders(&self) -> Vec<Value> {
        orders(&self.shared)
    }

    /// Simulates the user authorizing the service (completing a pre-authorization when
    /// `authorization_code` is given): the record becomes `AVAILABLE` and
    /// `PAYSCORE.USER_OPEN_SERVICE` is sent. Returns the authorization record.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the action names no record and cannot create one.
    pub fn open_service(&self, action: &ServiceAction) -> Result<Value, ControlError> {
        open_service(&self.shared, &self.material.mchid, action)
    }

    /// Simulates the user revoking the authorization: `UNAVAILABLE`, and
    /// `PAYSCORE.USER_CLOSE_SERVICE` sent.
    ///
    /// # Errors
    ///
    /// [`ControlError::AuthorizationNotFound`] without an available record.
    pub fn close_service(&self, action: &ServiceAction) -> Result<Value, ControlError> {
        close_service(&self.shared, &self.material.mchid, action)
    }

    /// Sets the risk level (and its version) that assessments report for `openid`.
    pub fn set_user_risk_level(&self, openid: impl Into<String>, level: u32, version: u32) {
        self.shared.state().risk_levels.insert(openid.into(), (level, version));
    }

    /// Rotates the platform certificate: generates a new key and certificate, which signs
    /// from now on (certificate mode). The old one stays listed until removed. Returns the
    /// new serial.
    ///
    /// # Errors
    ///
    /// [`ControlError::Certificate`] if generation fails.
    pub fn rotate_certificate(&self) -> Result<String, ControlError> {
        let pair = PlatformKeyPair::generate().map_err(ControlError::Certificate)?;
        add_certificate(&self.shared, &pair)
    }

    /// Rotates to the given key and certificate (e.g. [`PlatformKeyPair::spare`]).
    ///
    /// # Errors
    ///
    /// [`ControlError::Certificate`] if they do not parse or do not belong together.
    pub fn rotate_certificate_to(&self, pair: &PlatformKeyPair) -> Result<String, ControlError> {
        add_certificate(&self.shared, pair)
    }

    /// Stops listing (and signing with) the certificate `serial`.
    ///
    /// # Errors
    ///
    /// [`ControlError::Certificate`] if unknown or the last one.
    pub fn remove_certificate(&self, serial: &str) -> Result<(), ControlError> {
        remove_certificate(&self.shared, serial)
    }

    /// The platform certificate serials, oldest first; the last one signs.
    #[must_use]
    pub fn certificate_serials(&self) -> Vec<String> {
        certificate_serials(&self.shared)
    }

    /// The `Wechatpay-Serial` answers carry now.
    #[must_use]
    pub fn current_serial(&self) -> String {
        self.shared.signer().current_serial().unwrap_or_default()
    }
}
