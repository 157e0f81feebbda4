//! The legacy direct-merchant order families 先享后付 (`payafter-orders`) and 智慧零售
//! (`smartretail-orders`): one order shape and one life, `CREATED` → `USER_ACCEPTED` →
//! `FINISHED` → `USER_PAID`, or `REVOKED` / `EXPIRED`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::util;

/// Which legacy family an order belongs to: each has its own order numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum LegacyFamily {
    /// 先享后付, `/v3/payscore/payafter-orders`.
    PayAfter,
    /// 智慧零售, `/v3/payscore/smartretail-orders`.
    SmartRetail,
}

/// A 先享后付 or 智慧零售 order.
#[derive(Clone, Debug)]
pub(crate) struct LegacyOrder {
    pub(crate) family: LegacyFamily,
    pub(crate) mchid: String,
    pub(crate) out_order_no: String,
    pub(crate) appid: String,
    pub(crate) service_id: String,
    /// `CREATED`, `USER_ACCEPTED`, `FINISHED`, `USER_PAID`, `REVOKED`, `EXPIRED`.
    pub(crate) state: &'static str,
    pub(crate) finish_type: Option<u8>,
    /// The planned and actual times and places, and the other flat texts of the order,
    /// under their wire names.
    pub(crate) texts: BTreeMap<&'static str, String>,
    pub(crate) fees: Value,
    pub(crate) discounts: Value,
    pub(crate) risk_amount: Option<u64>,
    pub(crate) total_amount: Option<u64>,
    pub(crate) openid: Option<String>,
    pub(crate) order_id: String,
    pub(crate) query_id: Option<String>,
    pub(crate) finish_ticket: Option<String>,
    pub(crate) finish_transaction_id: Option<String>,
    pub(crate) pay_type: Option<&'static str>,
    pub(crate) package: Option<String>,
    /// The create parameters, for repeated calls.
    pub(crate) create_request: Value,
    pub(crate) cancel_reason: Option<String>,
    pub(crate) complete_request: Option<Value>,
}

/// Flat text fields of the order entity, in WeChat's order.
const TEXT_KEYS: &[&str] = &[
    "service_start_time",
    "service_end_time",
    "real_service_start_time",
    "real_service_end_time",
    "pay_succ_time",
    "service_start_location",
    "service_end_location",
    "real_service_start_location",
    "real_service_end_location",
    "service_introduction",
];

impl LegacyOrder {
    fn ids(&self, map: &mut Map<String, Value>) {
        map.insert("appid".into(), json!(self.appid));
        map.insert("mchid".into(), json!(self.mchid));
        map.insert("out_order_no".into(), json!(self.out_order_no));
        map.insert("service_id".into(), json!(self.service_id));
    }

    /// The create answer: ids, `order_id`, the mini-program jump and `package`.
    pub(crate) fn created_json(&self) -> Value {
        let mut map = Map::new();
        self.ids(&mut map);
        map.insert("order_id".into(), json!(self.order_id));
        if let Some(package) = &self.package {
            map.insert("miniprogram_businesstype".into(), json!("wxpayScoreUse"));
            map.insert("miniprogram_appid".into(), json!("wxd8f3793ea3b935b8"));
            map.insert("miniprogram_path".into(), json!("pages/use/use"));
            map.insert("miniprogram_username".into(), json!("gh_1234567890ab"));
            map.insert("package".into(), json!(package));
        }
        Value::Object(map)
    }

    /// The cancel and complete answers (`with_service_id`) and the sync answer.
    pub(crate) fn ids_json(&self, with_service_id: bool) -> Value {
        let mut map = Map::new();
        self.ids(&mut map);
        if !with_service_id {
            map.remove("service_id");
        }
        map.insert("order_id".into(), json!(self.order_id));
        Value::Object(map)
    }

    /// The order entity (query answer).
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        self.ids(&mut map);
        map.insert("state".into(), json!(self.state));
        if let Some(t) = self.finish_type {
            map.insert("finish_type".into(), json!(t));
        }
        for key in TEXT_KEYS {
            if let Some(v) = self.texts.get(key) {
                map.insert((*key).to_owned(), json!(v));
            }
        }
        if self.fees.as_array().is_some_and(|a| !a.is_empty()) {
            map.insert("fees".into(), self.fees.clone());
        }
        if self.discounts.as_array().is_some_and(|a| !a.is_empty()) {
            map.insert("discounts".into(), self.discounts.clone());
        }
        if let Some(r) = self.risk_amount {
            map.insert("risk_amount".into(), json!(r));
        }
        if let Some(t) = self.total_amount {
            map.insert("total_amount".into(), json!(t));
        }
        if let Some(a) = self.texts.get("attach") {
            map.insert("attach".into(), json!(a));
        }
        if let Some(t) = &self.finish_ticket {
            map.insert("finish_ticket".into(), json!(t));
        }
        if let Some(t) = &self.finish_transaction_id {
            map.insert("finish_transaction_id".into(), json!(t));
        }
        if let Some(t) = self.pay_type {
            map.insert("pay_type".into(), json!(t));
        }
        Value::Object(map)
    }

    /// The decrypted `PAYSCORE.USER_ACCEPTED` resource.
    pub(crate) fn accepted_json(&self) -> Value {
        let mut map = Map::new();
        self.ids(&mut map);
        map.insert("order_id".into(), json!(self.order_id));
        if let Some(openid) = &self.openid {
            map.insert("openid".into(), json!(openid));
        }
        Value::Object(map)
    }

    /// The decrypted `PAYSCORE.USER_PAID` resource: the order entity with `openid` and
    /// `order_id`.
    pub(crate) fn paid_json(&self) -> Value {
        let mut value = self.to_json();
        if let Some(map) = value.as_object_mut() {
            map.remove("finish_ticket");
            map.insert("order_id".into(), json!(self.order_id));
            if let Some(openid) = &self.openid {
                map.insert("openid".into(), json!(openid));
            }
        }
        value
    }

    /// User acceptance: `CREATED` → `USER_ACCEPTED`, with the openid, a `query_id` and
    /// the completion ticket.
    pub(crate) fn accept(&mut self, openid: String) {
        self.state = "USER_ACCEPTED";
        self.openid = Some(openid);
        self.query_id = Some(format!("{}{}", util::random_digits(10), util::random_alnum(22)));
        self.finish_ticket = Some(util::random_alnum(32));
        if self.texts.get("service_start_time").is_none_or(|t| t == "OnAccept") {
            self.texts.insert("real_service_start_time", util::service_time(util::unix_now()));
        }
    }

    /// Payment: `FINISHED` → `USER_PAID`.
    pub(crate) fn settle(&mut self, at: i64, pay_type: Option<&'static str>) {
        self.state = "USER_PAID";
        self.texts.insert("pay_succ_time", util::service_time(at));
        self.finish_transaction_id = Some(format!("42000{}", util::random_digits(23)));
        self.pay_type = pay_type;
    }
}

/// Every legacy order, by family, merchant and number.
#[derive(Debug, Default)]
pub(crate) struct Legacy {
    pub(crate) orders: BTreeMap<(LegacyFamily, String, String), LegacyOrder>,
}

impl Legacy {
    /// The order by `query_id`.
    pub(crate) fn by_query_id(
        &self,
        family: LegacyFamily,
        mchid: &str,
        query_id: &str,
    ) -> Option<&LegacyOrder> {
        self.orders.values().find(|o| {
            o.family == family && o.mchid == mchid && o.query_id.as_deref() == Some(query_id)
        })
    }
}
