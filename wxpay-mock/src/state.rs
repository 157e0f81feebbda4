//! What the simulator remembers: service orders and user authorizations, per merchant and
//! sub-merchant, with the state machine of protocol §9.1.

use std::collections::{BTreeMap, VecDeque};

use serde_json::{Map, Value, json};

use crate::{error::ApiError, util};

pub(crate) mod bounded;
pub(crate) mod legacy;
pub(crate) mod plan;
pub(crate) mod service_account;
pub(crate) mod sign_plan;
pub(crate) mod vehicle;

/// Which merchant an order or authorization belongs to: the merchant (or service provider)
/// and, in partner mode, the sub-merchant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Owner {
    pub(crate) mchid: String,
    pub(crate) sub_mchid: Option<String>,
}

impl Owner {
    pub(crate) fn direct(mchid: &str) -> Self {
        Self { mchid: mchid.to_owned(), sub_mchid: None }
    }

    pub(crate) fn partner(mchid: &str, sub_mchid: &str) -> Self {
        Self { mchid: mchid.to_owned(), sub_mchid: Some(sub_mchid.to_owned()) }
    }

    /// Writes `service_id`, `mchid`, `sub_mchid` (partner), `appid` and `sub_appid` (when
    /// known) into an answer.
    pub(crate) fn write_ids(
        &self,
        map: &mut Map<String, Value>,
        service_id: &str,
        appid: &str,
        sub_appid: Option<&str>,
    ) {
        map.insert("service_id".into(), json!(service_id));
        map.insert("mchid".into(), json!(self.mchid));
        if let Some(sub_mchid) = &self.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub_mchid));
        }
        map.insert("appid".into(), json!(appid));
        if let Some(sub_appid) = sub_appid {
            map.insert("sub_appid".into(), json!(sub_appid));
        }
    }
}

/// The state of an order: `state` and `state_description` together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// `CREATED`: waiting for the user's confirmation.
    Created,
    /// `DOING` / `USER_CONFIRM`: confirmed, service running.
    UserConfirm,
    /// `DOING` / `MCH_COMPLETE`: completed by the merchant, being charged.
    MchComplete,
    /// `DONE`: paid.
    Done,
    /// `REVOKED`: cancelled by the merchant.
    Revoked,
    /// `EXPIRED`: never confirmed.
    Expired,
}

impl Phase {
    pub(crate) fn state(self) -> &'static str {
        match self {
            Self::Created => "CREATED",
            Self::UserConfirm | Self::MchComplete => "DOING",
            Self::Done => "DONE",
            Self::Revoked => "REVOKED",
            Self::Expired => "EXPIRED",
        }
    }

    pub(crate) fn description(self) -> Option<&'static str> {
        match self {
            Self::UserConfirm => Some("USER_CONFIRM"),
            Self::MchComplete => Some("MCH_COMPLETE"),
            _ => None,
        }
    }

    /// `DOING/MCH_COMPLETE`, `CREATED`, …
    pub(crate) fn label(self) -> String {
        match self.description() {
            Some(d) => format!("{}/{d}", self.state()),
            None => self.state().to_owned(),
        }
    }
}

/// The payment record of a completed order.
#[derive(Clone, Debug)]
pub(crate) struct Collection {
    pub(crate) paid: bool,
    pub(crate) total: u64,
    pub(crate) paid_amount: u64,
    pub(crate) details: Vec<Value>,
}

impl Collection {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("state".into(), json!(if self.paid { "USER_PAID" } else { "USER_PAYING" }));
        map.insert("total_amount".into(), json!(self.total));
        map.insert("paying_amount".into(), json!(self.total.saturating_sub(self.paid_amount)));
        map.insert("paid_amount".into(), json!(self.paid_amount));
        if !self.details.is_empty() {
            map.insert("details".into(), Value::Array(self.details.clone()));
        }
        if self.paid {
            map.insert("bank_type".into(), json!("OTHERS"));
        }
        Value::Object(map)
    }
}

/// A service order.
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(crate) struct Order {
    pub(crate) owner: Owner,
    pub(crate) out_order_no: String,
    pub(crate) service_id: String,
    pub(crate) appid: String,
    pub(crate) sub_appid: Option<String>,
    pub(crate) service_introduction: String,
    pub(crate) phase: Phase,
    pub(crate) post_payments: Value,
    pub(crate) post_discounts: Value,
    /// `Value::Null` when the order had none (direct-complete).
    pub(crate) risk_fund: Value,
    pub(crate) total_amount: Option<u64>,
    pub(crate) need_collection: Option<bool>,
    pub(crate) collection: Option<Collection>,
    pub(crate) time_range: Value,
    pub(crate) location: Option<Value>,
    pub(crate) attach: Option<String>,
    pub(crate) notify_url: String,
    pub(crate) openid: Option<String>,
    pub(crate) sub_openid: Option<String>,
    pub(crate) order_id: String,
    pub(crate) query_id: Option<String>,
    pub(crate) package: Option<String>,
    /// The create parameters, for "原参重入".
    pub(crate) create_request: Value,
    /// The accepted cancel reason.
    pub(crate) cancel_reason: Option<String>,
    /// The accepted complete parameters.
    pub(crate) complete_request: Option<Value>,
    /// When the user confirmed (Unix seconds).
    pub(crate) confirmed_at: Option<i64>,
}

/// Keys of the full order entity (query, modify and sync answers).
pub(crate) const ORDER_KEYS: &[&str] = &[
    "out_order_no",
    "service_id",
    "appid",
    "mchid",
    "sub_appid",
    "sub_mchid",
    "service_introduction",
    "state",
    "state_description",
    "post_payments",
    "post_discounts",
    "risk_fund",
    "total_amount",
    "need_collection",
    "collection",
    "time_range",
    "location",
    "attach",
    "notify_url",
    "openid",
    "sub_openid",
    "order_id",
];

/// Keys of the create answer.
pub(crate) const CREATE_KEYS: &[&str] = &[
    "out_order_no",
    "service_id",
    "appid",
    "mchid",
    "sub_appid",
    "sub_mchid",
    "service_introduction",
    "state",
    "state_description",
    "post_payments",
    "post_discounts",
    "risk_fund",
    "time_range",
    "location",
    "attach",
    "notify_url",
    "order_id",
    "package",
];

/// Keys of the direct-merchant complete answer.
pub(crate) const COMPLETE_KEYS: &[&str] = &[
    "appid",
    "mchid",
    "out_order_no",
    "service_id",
    "service_introduction",
    "state",
    "state_description",
    "total_amount",
    "post_payments",
    "post_discounts",
    "risk_fund",
    "time_range",
    "location",
    "order_id",
    "need_collection",
];

/// Keys of the direct-merchant cancel and pay answers.
pub(crate) const SHORT_KEYS: &[&str] =
    &["appid", "mchid", "out_order_no", "service_id", "order_id"];

/// Keys of the direct-merchant direct-complete answer.
pub(crate) const DIRECT_COMPLETE_KEYS: &[&str] = &[
    "out_order_no",
    "appid",
    "service_id",
    "post_payments",
    "post_discounts",
    "time_range",
    "location",
    "service_introduction",
    "mchid",
    "order_id",
    "state",
    "state_description",
    "attach",
    "notify_url",
    "total_amount",
];

/// Keys of the decrypted `PAYSCORE.USER_CONFIRM` / `PAYSCORE.USER_PAID` resource.
pub(crate) const NOTIFY_KEYS: &[&str] = &[
    "appid",
    "mchid",
    "sub_appid",
    "sub_mchid",
    "out_order_no",
    "service_id",
    "openid",
    "sub_openid",
    "state",
    "state_description",
    "service_introduction",
    "total_amount",
    "post_payments",
    "post_discounts",
    "risk_fund",
    "time_range",
    "location",
    "attach",
    "order_id",
    "need_collection",
    "collection",
];

impl Order {
    /// The field `key` of the order entity, if it has a value.
    fn field(&self, key: &str) -> Option<Value> {
        let string = |s: &str| Some(Value::String(s.to_owned()));
        let opt = |s: &Option<String>| s.as_deref().map(|s| Value::String(s.to_owned()));
        match key {
            "out_order_no" => string(&self.out_order_no),
            "service_id" => string(&self.service_id),
            "appid" => string(&self.appid),
            "mchid" => string(&self.owner.mchid),
            "sub_appid" => opt(&self.sub_appid),
            "sub_mchid" => opt(&self.owner.sub_mchid),
            "service_introduction" => string(&self.service_introduction),
            "state" => string(self.phase.state()),
            "state_description" => self.phase.description().map(|d| Value::String(d.to_owned())),
            "post_payments" => Some(self.post_payments.clone()),
            "post_discounts" => Some(self.post_discounts.clone()),
            "risk_fund" => Some(self.risk_fund.clone()).filter(|v| !v.is_null()),
            "total_amount" => self.total_amount.map(|t| json!(t)),
            "need_collection" => self.need_collection.map(Value::Bool),
            "collection" => self.collection.as_ref().map(Collection::to_json),
            "time_range" => Some(self.time_range.clone()),
            "location" => self.location.clone(),
            "attach" => opt(&self.attach),
            "notify_url" => string(&self.notify_url),
            "openid" => opt(&self.openid),
            "sub_openid" => opt(&self.sub_openid),
            "order_id" => string(&self.order_id),
            "package" => opt(&self.package),
            _ => None,
        }
    }

    /// The order as a JSON object with the given keys (those that have a value).
    pub(crate) fn view(&self, keys: &[&str]) -> Value {
        let map: Map<String, Value> =
            keys.iter().filter_map(|k| self.field(k).map(|v| ((*k).to_owned(), v))).collect();
        Value::Object(map)
    }

    /// The Unix time the service started, when known: the given start time, or the
    /// confirmation for `OnAccept`.
    pub(crate) fn start_time(&self) -> Option<i64> {
        match self.time_range.get("start_time").and_then(Value::as_str) {
            Some("OnAccept") | None => self.confirmed_at,
            Some(t) => t.parse().ok().map(|t| util::unix_of(&t)),
        }
    }

    fn refused(&self, action: &'static str, needed: &'static str) -> crate::ControlError {
        crate::ControlError::InvalidState {
            out_order_no: self.out_order_no.clone(),
            state: self.phase.label(),
            action,
            needed,
        }
    }
}

/// A user authorization record: `AVAILABLE` / `UNAVAILABLE`.
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(crate) struct Authorization {
    pub(crate) owner: Owner,
    pub(crate) service_id: String,
    pub(crate) appid: String,
    pub(crate) sub_appid: Option<String>,
    pub(crate) authorization_code: Option<String>,
    pub(crate) openid: Option<String>,
    pub(crate) sub_openid: Option<String>,
    pub(crate) available: bool,
    pub(crate) notify_url: Option<String>,
    /// `apply_permissions_token` or `transaction_permissions_token`.
    pub(crate) token: String,
    /// The pre-authorization parameters, for repeated calls.
    pub(crate) request: Option<Value>,
    pub(crate) success_time: Option<i64>,
    pub(crate) cancel_time: Option<i64>,
}

impl Authorization {
    /// The authorization record (protocol §9.4).
    pub(crate) fn to_json(&self, risk: Option<(u32, u32)>) -> Value {
        let mut map = Map::new();
        map.insert("service_id".into(), json!(self.service_id));
        map.insert("appid".into(), json!(self.appid));
        map.insert("mchid".into(), json!(self.owner.mchid));
        if let Some(sub_mchid) = &self.owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub_mchid));
        }
        for (key, value) in [
            ("sub_appid", &self.sub_appid),
            ("openid", &self.openid),
            ("sub_openid", &self.sub_openid),
            ("authorization_code", &self.authorization_code),
            ("notify_url", &self.notify_url),
        ] {
            if let Some(value) = value {
                map.insert(key.into(), json!(value));
            }
        }
        map.insert(
            "authorization_state".into(),
            json!(if self.available { "AVAILABLE" } else { "UNAVAILABLE" }),
        );
        if let Some(t) = self.success_time {
            map.insert("authorization_success_time".into(), json!(util::rfc3339(t)));
        }
        if let Some(t) = self.cancel_time {
            map.insert("cancel_authorization_time".into(), json!(util::rfc3339(t)));
        }
        if let Some((level, version)) = risk {
            map.insert("user_risk_level".into(), json!(level));
            map.insert("risk_level_version".into(), json!(version));
        }
        Value::Object(map)
    }

    /// The decrypted `PAYSCORE.USER_OPEN_SERVICE` / `USER_CLOSE_SERVICE` resource.
    pub(crate) fn event_json(&self, status: &str, at: i64) -> Value {
        let mut map = Map::new();
        map.insert("appid".into(), json!(self.appid));
        map.insert("mchid".into(), json!(self.owner.mchid));
        if let Some(sub_mchid) = &self.owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub_mchid));
        }
        for (key, value) in [
            ("sub_appid", &self.sub_appid),
            ("openid", &self.openid),
            ("sub_openid", &self.sub_openid),
            ("authorization_code", &self.authorization_code),
        ] {
            if let Some(value) = value {
                map.insert(key.into(), json!(value));
            }
        }
        map.insert("service_id".into(), json!(self.service_id));
        map.insert("user_service_status".into(), json!(status));
        map.insert("openorclose_time".into(), json!(util::service_time(at)));
        Value::Object(map)
    }
}

/// How many service orders the simulator keeps by default.
pub const DEFAULT_MAX_ORDERS: usize = 100_000;

/// Orders and authorizations.
#[derive(Debug)]
pub(crate) struct State {
    orders: BTreeMap<(Owner, String), Order>,
    /// Order keys, oldest first (for eviction).
    arrivals: VecDeque<(Owner, String)>,
    max_orders: usize,
    query_ids: BTreeMap<String, (Owner, String)>,
    pub(crate) authorizations: Vec<Authorization>,
    /// Risk level and its version per openid (assessments).
    pub(crate) risk_levels: BTreeMap<String, (u32, u32)>,
    order_seq: u64,
    /// Refunds and profit sharing (`crate::ledger`).
    pub(crate) ledger: crate::ledger::Ledger,
    /// PayScore parking.
    pub(crate) vehicle: vehicle::Vehicle,
    /// 先享后付 and 智慧零售 orders.
    pub(crate) legacy: legacy::Legacy,
    /// The `currency` of cross-border orders (their state is the partner order's).
    pub(crate) oversea_currency: BTreeMap<(Owner, String), String>,
    /// The `channel_id` of acquiring-institution orders (their state is the partner
    /// order's).
    pub(crate) acquiring_channel: BTreeMap<(Owner, String), String>,
    /// The deduction numbers acquiring institutions registered, by order.
    pub(crate) acquiring_deductions: BTreeMap<(Owner, String), String>,
    /// The `shopping_info` of pay-on-delivery orders (direct, partner and acquiring
    /// institutions).
    pub(crate) shopping_info: BTreeMap<(Owner, String), Value>,
    /// Service-account applications, by service provider and `out_apply_no`.
    pub(crate) service_accounts: bounded::Bounded<(String, String), service_account::Application>,
    /// PayScore plans, by owner and `merchant_plan_no`.
    pub(crate) plans: bounded::Bounded<(Owner, String), plan::Plan>,
    /// Users' sign plans, by owner and `merchant_sign_plan_no`.
    pub(crate) sign_plans: bounded::Bounded<(Owner, String), sign_plan::SignPlan>,
    /// Sequence of plan and sign plan ids.
    plan_seq: u64,
}

impl Default for State {
    fn default() -> Self {
        Self::with_max_orders(DEFAULT_MAX_ORDERS)
    }
}

impl State {
    /// The order's view (`keys` of [`Order::view`]) with what its family adds: the
    /// sub-merchant's `currency` for cross-border orders, `channel_id` for acquiring
    /// institutions' orders. Answers and notifications both use it.
    pub(crate) fn family_view(&self, order: &Order, keys: &[&str]) -> Value {
        let mut view = order.view(keys);
        let key = (order.owner.clone(), order.out_order_no.clone());
        if let Some(map) = view.as_object_mut() {
            if let Some(currency) = self.oversea_currency.get(&key) {
                map.insert("currency".into(), json!(currency));
            }
            if let Some(channel) = self.acquiring_channel.get(&key) {
                map.insert("channel_id".into(), json!(channel));
            }
        }
        view
    }

    /// No orders yet; at most `max_orders` kept.
    pub(crate) fn with_max_orders(max_orders: usize) -> Self {
        Self {
            orders: BTreeMap::new(),
            arrivals: VecDeque::new(),
            max_orders: max_orders.max(1),
            query_ids: BTreeMap::new(),
            authorizations: Vec::new(),
            risk_levels: BTreeMap::new(),
            order_seq: 0,
            ledger: crate::ledger::Ledger::default(),
            vehicle: vehicle::Vehicle::default(),
            legacy: legacy::Legacy::default(),
            oversea_currency: BTreeMap::new(),
            acquiring_channel: BTreeMap::new(),
            acquiring_deductions: BTreeMap::new(),
            shopping_info: BTreeMap::new(),
            service_accounts: bounded::Bounded::new(
                max_orders,
                service_account::Application::decided,
            ),
            plans: bounded::Bounded::new(max_orders, |p| p.stopped.is_some()),
            sign_plans: bounded::Bounded::new(max_orders, |p| {
                p.state == sign_plan::SignState::Cancelled
            }),
            plan_seq: 0,
        }
    }

    /// A fresh id for a plan or a sign plan: digits, unique.
    pub(crate) fn next_plan_id(&mut self) -> String {
        self.plan_seq += 1;
        format!("{}{:06}", util::random_digits(8), self.plan_seq % 1_000_000)
    }

    /// Forgets orders past the limit: the oldest finished ones first, then the oldest, down
    /// to nine tenths of the limit (so that the work is spread over many inserts).
    fn evict(&mut self) {
        if self.orders.len() <= self.max_orders {
            return;
        }
        let target = self.max_orders - self.max_orders / 10;
        let finished = |o: &Order| matches!(o.phase, Phase::Done | Phase::Revoked | Phase::Expired);
        let mut excess = self.orders.len() - target;
        let mut forget = Vec::new();
        self.arrivals.retain(|key| {
            if excess > 0 && self.orders.get(key).is_none_or(finished) {
                excess -= 1;
                forget.push(key.clone());
                return false;
            }
            true
        });
        while excess > 0 {
            let Some(key) = self.arrivals.pop_front() else { break };
            excess -= 1;
            forget.push(key);
        }
        for key in forget {
            if let Some(order) = self.orders.remove(&key)
                && let Some(query_id) = order.query_id
            {
                self.query_ids.remove(&query_id);
            }
            // What the families keep beside an order goes with it.
            self.oversea_currency.remove(&key);
            self.acquiring_channel.remove(&key);
            self.acquiring_deductions.remove(&key);
            self.shopping_info.remove(&key);
        }
    }

    pub(crate) fn order(&self, owner: &Owner, out_order_no: &str) -> Option<&Order> {
        self.orders.get(&(owner.clone(), out_order_no.to_owned()))
    }

    pub(crate) fn order_mut(&mut self, owner: &Owner, out_order_no: &str) -> Option<&mut Order> {
        self.orders.get_mut(&(owner.clone(), out_order_no.to_owned()))
    }

    /// The order by `query_id`, for this owner.
    pub(crate) fn order_by_query_id(&self, owner: &Owner, query_id: &str) -> Option<&Order> {
        let (found_owner, no) = self.query_ids.get(query_id)?;
        if found_owner != owner {
            return None;
        }
        self.order(owner, no)
    }

    /// A fresh WeChat order id (`order_id`): digits, unique.
    pub(crate) fn next_order_id(&mut self) -> String {
        self.order_seq += 1;
        // 31 digits, like WeChat's: a prefix, the time, randomness, a sequence number.
        format!(
            "1{}{}{:08}",
            util::service_time(util::unix_now()),
            util::random_digits(8),
            self.order_seq % 100_000_000
        )
    }

    /// Inserts a new order, or applies "原参重入": the same parameters answer like the
    /// first call; different ones with the same number are refused.
    pub(crate) fn insert_order(&mut self, order: Order) -> Result<&Order, ApiError> {
        let key = (order.owner.clone(), order.out_order_no.clone());
        if let Some(existing) = self.orders.get(&key) {
            if existing.create_request != order.create_request {
                return Err(ApiError::invalid(
                    "订单重入参数校验失败，请检查商户服务订单号是否重复",
                ));
            }
        } else {
            self.orders.insert(key.clone(), order);
            self.arrivals.push_back(key.clone());
            self.evict();
        }
        self.orders.get(&key).ok_or_else(|| ApiError::system("订单存储已满"))
    }

    /// All orders with this number, over every merchant.
    pub(crate) fn orders_numbered(&self, out_order_no: &str) -> Vec<&Order> {
        self.orders.values().filter(|o| o.out_order_no == out_order_no).collect()
    }

    /// Every order (for inspection).
    pub(crate) fn all_orders(&self) -> Vec<&Order> {
        self.orders.values().collect()
    }

    /// Simulated user confirmation: `CREATED` → `DOING`/`USER_CONFIRM`.
    pub(crate) fn confirm(
        &mut self,
        owner: &Owner,
        out_order_no: &str,
        openid: String,
    ) -> Result<Order, crate::ControlError> {
        let query_id = format!("{}{}", util::random_digits(10), util::random_alnum(22));
        let order = self
            .order_mut(owner, out_order_no)
            .ok_or_else(|| crate::ControlError::OrderNotFound(out_order_no.to_owned()))?;
        if order.phase != Phase::Created {
            return Err(order.refused("confirming", "CREATED"));
        }
        order.phase = Phase::UserConfirm;
        if order.sub_appid.is_some() {
            order.sub_openid = Some(openid.clone());
        }
        order.openid = Some(openid);
        order.confirmed_at = Some(util::unix_now());
        order.query_id = Some(query_id.clone());
        let snapshot = order.clone();
        self.query_ids.insert(query_id, (owner.clone(), out_order_no.to_owned()));
        Ok(snapshot)
    }

    /// Simulated successful charge: `DOING`/`MCH_COMPLETE` → `DONE`, `collection` paid.
    pub(crate) fn pay(
        &mut self,
        owner: &Owner,
        out_order_no: &str,
    ) -> Result<Order, crate::ControlError> {
        let order = self
            .order_mut(owner, out_order_no)
            .ok_or_else(|| crate::ControlError::OrderNotFound(out_order_no.to_owned()))?;
        let paying = order.collection.as_ref().is_some_and(|c| !c.paid);
        if order.phase != Phase::MchComplete || !paying {
            return Err(order.refused("paying", "DOING/MCH_COMPLETE with collection USER_PAYING"));
        }
        settle(order, "NEWTON", util::unix_now(), None);
        Ok(order.clone())
    }

    /// Expiry: `CREATED` → `EXPIRED`.
    pub(crate) fn expire(
        &mut self,
        owner: &Owner,
        out_order_no: &str,
    ) -> Result<Order, crate::ControlError> {
        let order = self
            .order_mut(owner, out_order_no)
            .ok_or_else(|| crate::ControlError::OrderNotFound(out_order_no.to_owned()))?;
        if order.phase != Phase::Created {
            return Err(order.refused("expiring", "CREATED"));
        }
        order.phase = Phase::Expired;
        Ok(order.clone())
    }

    /// Whether `openid` has an available authorization for this service.
    pub(crate) fn is_authorized(&self, owner: &Owner, service_id: &str, openid: &str) -> bool {
        self.authorizations.iter().any(|a| {
            a.available
                && a.owner == *owner
                && a.service_id == service_id
                && (a.openid.as_deref() == Some(openid) || a.sub_openid.as_deref() == Some(openid))
        })
    }
}

/// Records the payment of the rest of the order: `DONE`, `collection` `USER_PAID`.
pub(crate) fn settle(order: &mut Order, paid_type: &str, at: i64, transaction_id: Option<String>) {
    let Some(collection) = order.collection.as_mut() else { return };
    let amount = collection.total.saturating_sub(collection.paid_amount);
    let seq = collection.details.len() + 1;
    let mut detail = json!({
        "seq": seq,
        "amount": amount,
        "paid_type": paid_type,
        "paid_time": util::service_time(at),
    });
    if paid_type == "NEWTON" {
        let id = transaction_id.unwrap_or_else(|| format!("42000{}", util::random_digits(23)));
        if let Some(map) = detail.as_object_mut() {
            map.insert("transaction_id".into(), json!(id));
        }
    }
    collection.details.push(detail);
    collection.paid_amount = collection.total;
    collection.paid = true;
    order.phase = Phase::Done;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> Order {
        Order {
            owner: Owner::partner("1", "2"),
            out_order_no: "A1".into(),
            service_id: "500001".into(),
            appid: "wx1".into(),
            sub_appid: None,
            service_introduction: "x".into(),
            phase: Phase::Created,
            post_payments: json!([]),
            post_discounts: json!([]),
            risk_fund: json!({"name":"DEPOSIT","amount":100}),
            total_amount: None,
            need_collection: None,
            collection: None,
            time_range: json!({"start_time":"OnAccept"}),
            location: None,
            attach: None,
            notify_url: "http://x/".into(),
            openid: None,
            sub_openid: None,
            order_id: "1".into(),
            query_id: None,
            package: Some("p".into()),
            create_request: json!({"a":1}),
            cancel_reason: None,
            complete_request: None,
            confirmed_at: None,
        }
    }

    #[test]
    fn reentry_and_views() {
        let mut state = State::default();
        state.insert_order(order()).expect("new");
        state.insert_order(order()).expect("same parameters");
        let mut other = order();
        other.create_request = json!({"a":2});
        assert_eq!(state.insert_order(other).expect_err("different").code, "INVALID_REQUEST");
        let view = state.order(&Owner::partner("1", "2"), "A1").expect("order").view(CREATE_KEYS);
        assert_eq!(view["state"], "CREATED");
        assert_eq!(view["package"], "p");
        assert!(view.get("state_description").is_none());
        assert!(view.get("notify_url").is_some());
    }

    #[test]
    fn the_order_store_is_bounded_and_forgets_finished_orders_first() {
        let mut state = State::with_max_orders(10);
        let owner = Owner::partner("1", "2");
        for i in 0..10 {
            let mut o = order();
            o.out_order_no = format!("A{i}");
            state.insert_order(o).expect("new");
        }
        // A5 finished, A0 confirmed with a query id (forgotten with its order), and what the
        // families keep beside A5 (forgotten with it).
        state.expire(&owner, "A5").expect("expire");
        let a5 = (owner.clone(), "A5".to_owned());
        state.oversea_currency.insert(a5.clone(), "HKD".into());
        state.acquiring_channel.insert(a5.clone(), "1900000001".into());
        state.shopping_info.insert(a5.clone(), json!({"goods": []}));
        let query_id = state.confirm(&owner, "A0", "o".into()).expect("confirm").query_id;
        let query_id = query_id.expect("query id");
        let mut o = order();
        o.out_order_no = "A10".into();
        state.insert_order(o).expect("new");
        // 11 > 10: down to 9, the finished A5 first, then the oldest A0.
        assert_eq!(state.all_orders().len(), 9);
        assert!(state.order(&owner, "A5").is_none());
        assert!(state.order(&owner, "A0").is_none());
        assert!(state.order_by_query_id(&owner, &query_id).is_none());
        assert!(state.query_ids.is_empty());
        assert!(!state.oversea_currency.contains_key(&a5));
        assert!(!state.acquiring_channel.contains_key(&a5));
        assert!(state.shopping_info.is_empty());
        assert!(state.order(&owner, "A1").is_some());
        assert!(state.order(&owner, "A10").is_some());
        for i in 11..1_000 {
            let mut o = order();
            o.out_order_no = format!("A{i}");
            state.insert_order(o).expect("new");
        }
        assert!(state.all_orders().len() <= 10);
        assert_eq!(state.arrivals.len(), state.all_orders().len());
    }

    #[test]
    fn confirm_then_refuse_twice() {
        let mut state = State::default();
        state.insert_order(order()).expect("new");
        let owner = Owner::partner("1", "2");
        let confirmed = state.confirm(&owner, "A1", "o1".into()).expect("confirm");
        assert_eq!(confirmed.phase, Phase::UserConfirm);
        let query_id = confirmed.query_id.expect("query id");
        assert!(state.order_by_query_id(&owner, &query_id).is_some());
        assert!(state.order_by_query_id(&Owner::direct("1"), &query_id).is_none());
        assert!(matches!(
            state.confirm(&owner, "A1", "o1".into()),
            Err(crate::ControlError::InvalidState { .. })
        ));
        assert!(state.pay(&owner, "A1").is_err());
    }
}
