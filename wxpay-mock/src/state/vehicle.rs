//! PayScore parking (微信支付分停车) state: which plates have the service opened by which
//! user, the car park entries, and the charges.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::Owner;
use crate::util;

/// A plate's parking service (车牌服务开通信息), set by a control action.
#[derive(Clone, Debug)]
pub(crate) struct PlateService {
    pub(crate) owner: Owner,
    pub(crate) plate_number: String,
    pub(crate) plate_color: String,
    pub(crate) openid: String,
    /// `NORMAL`, `PAUSE` or `OUT_SERVICE`.
    pub(crate) service_state: String,
    pub(crate) open_time: i64,
}

impl PlateService {
    /// The answer of 查询车牌服务开通信息.
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("plate_number".into(), json!(self.plate_number));
        map.insert("plate_color".into(), json!(self.plate_color));
        if self.service_state != "OUT_SERVICE" {
            map.insert("service_open_time".into(), json!(util::rfc3339(self.open_time)));
        }
        map.insert("openid".into(), json!(self.openid));
        map.insert("service_state".into(), json!(self.service_state));
        Value::Object(map)
    }

    /// Whether a parking of this plate can be charged, and why not.
    pub(crate) fn parking_state(&self) -> (&'static str, Option<String>) {
        match self.service_state.as_str() {
            "NORMAL" => ("NORMAL", None),
            "PAUSE" => ("BLOCKED", Some("PAUSE".to_owned())),
            _ => ("BLOCKED", Some("OUT_SERVICE".to_owned())),
        }
    }
}

/// A car park entry (停车入场).
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(crate) struct Parking {
    pub(crate) owner: Owner,
    pub(crate) id: String,
    pub(crate) out_parking_no: String,
    pub(crate) plate_number: String,
    pub(crate) plate_color: String,
    /// RFC 3339, as given.
    pub(crate) start_time: String,
    pub(crate) parking_name: String,
    pub(crate) free_duration: u64,
    /// `NORMAL` or `BLOCKED`.
    pub(crate) state: String,
    pub(crate) block_reason: Option<String>,
    pub(crate) notify_url: String,
    /// The create parameters, for repeated calls.
    pub(crate) request: Value,
    /// The `out_trade_no` that charged it.
    pub(crate) charged_by: Option<String>,
}

impl Parking {
    /// The answer of 创建停车入场.
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("id".into(), json!(self.id));
        map.insert("out_parking_no".into(), json!(self.out_parking_no));
        map.insert("plate_number".into(), json!(self.plate_number));
        map.insert("plate_color".into(), json!(self.plate_color));
        map.insert("start_time".into(), json!(self.start_time));
        map.insert("parking_name".into(), json!(self.parking_name));
        map.insert("free_duration".into(), json!(self.free_duration));
        map.insert("state".into(), json!(self.state));
        if let Some(reason) = &self.block_reason {
            map.insert("block_reason".into(), json!(reason));
        }
        Value::Object(map)
    }

    /// The decrypted `VEHICLE.ENTRANCE_STATE_CHANGE` resource.
    pub(crate) fn event_json(&self, at: i64) -> Value {
        let mut map = Map::new();
        map.insert("sp_mchid".into(), json!(self.owner.mchid));
        if let Some(sub_mchid) = &self.owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub_mchid));
        }
        map.insert("parking_id".into(), json!(self.id));
        map.insert("out_parking_no".into(), json!(self.out_parking_no));
        map.insert("plate_number".into(), json!(self.plate_number));
        map.insert("plate_color".into(), json!(self.plate_color));
        map.insert("start_time".into(), json!(self.start_time));
        map.insert("parking_name".into(), json!(self.parking_name));
        map.insert("free_duration".into(), json!(self.free_duration));
        map.insert("parking_state".into(), json!(self.state));
        if let Some(reason) = &self.block_reason {
            map.insert("blocked_state_description".into(), json!(reason));
        }
        map.insert("state_update_time".into(), json!(util::rfc3339(at)));
        Value::Object(map)
    }
}

/// A parking charge (扣费受理).
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(crate) struct Transaction {
    pub(crate) owner: Owner,
    pub(crate) out_trade_no: String,
    pub(crate) appid: String,
    pub(crate) sub_appid: Option<String>,
    pub(crate) description: String,
    pub(crate) attach: Option<String>,
    pub(crate) create_time: i64,
    pub(crate) transaction_id: String,
    /// `ACCEPTED`, `SUCCESS`, `PAY_FAIL`.
    pub(crate) trade_state: String,
    pub(crate) success_time: Option<i64>,
    pub(crate) parking_info: Value,
    pub(crate) openid: String,
    pub(crate) total: u64,
    pub(crate) currency: String,
    pub(crate) notify_url: String,
    /// The charge parameters, for repeated calls.
    pub(crate) request: Value,
}

impl Transaction {
    fn common(&self, map: &mut Map<String, Value>) {
        map.insert("description".into(), json!(self.description));
        map.insert("create_time".into(), json!(util::rfc3339(self.create_time)));
        map.insert("out_trade_no".into(), json!(self.out_trade_no));
        map.insert("transaction_id".into(), json!(self.transaction_id));
        map.insert("trade_state".into(), json!(self.trade_state));
        if self.trade_state == "PAY_FAIL" {
            map.insert("trade_state_description".into(), json!("支付失败，请重新下单支付"));
            map.insert("user_repaid".into(), json!("N"));
        }
        if let Some(at) = self.success_time {
            map.insert("success_time".into(), json!(util::rfc3339(at)));
            map.insert("bank_type".into(), json!("OTHERS"));
            if let Some(attach) = &self.attach {
                map.insert("attach".into(), json!(attach));
            }
        }
        map.insert("trade_scene".into(), json!("PARKING"));
        map.insert("parking_info".into(), self.parking_info.clone());
        map.insert("payer".into(), json!({ "openid": self.openid }));
        let mut amount = json!({ "total": self.total, "currency": self.currency });
        if self.success_time.is_some()
            && let Some(amount) = amount.as_object_mut()
        {
            amount.insert("payer_total".into(), json!(self.total));
            amount.insert("discount_total".into(), json!(0));
        }
        map.insert("amount".into(), amount);
    }

    /// The answer of 扣费受理 and 查询订单 (`sp_mchid` in both modes).
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("appid".into(), json!(self.appid));
        if let Some(sub_appid) = &self.sub_appid {
            map.insert("sub_appid".into(), json!(sub_appid));
        }
        map.insert("sp_mchid".into(), json!(self.owner.mchid));
        if let Some(sub_mchid) = &self.owner.sub_mchid {
            map.insert("sub_mchid".into(), json!(sub_mchid));
        }
        self.common(&mut map);
        Value::Object(map)
    }

    /// The decrypted `TRANSACTION.*` resource: `appid`/`mchid` direct, `sp_appid`/`sp_mchid`
    /// with `sub_appid`/`sub_mchid` in partner mode.
    pub(crate) fn event_json(&self) -> Value {
        let mut map = Map::new();
        match &self.owner.sub_mchid {
            None => {
                map.insert("appid".into(), json!(self.appid));
                map.insert("mchid".into(), json!(self.owner.mchid));
            }
            Some(sub_mchid) => {
                map.insert("sp_appid".into(), json!(self.appid));
                map.insert("sp_mchid".into(), json!(self.owner.mchid));
                if let Some(sub_appid) = &self.sub_appid {
                    map.insert("sub_appid".into(), json!(sub_appid));
                }
                map.insert("sub_mchid".into(), json!(sub_mchid));
            }
        }
        self.common(&mut map);
        Value::Object(map)
    }
}

/// Everything parking.
#[derive(Debug, Default)]
pub(crate) struct Vehicle {
    pub(crate) services: Vec<PlateService>,
    /// By owner and `out_parking_no`.
    pub(crate) parkings: BTreeMap<(Owner, String), Parking>,
    /// By owner and `out_trade_no`.
    pub(crate) transactions: BTreeMap<(Owner, String), Transaction>,
}

impl Vehicle {
    /// The service of this plate for this merchant.
    pub(crate) fn service(&self, owner: &Owner, plate: &str, color: &str) -> Option<&PlateService> {
        self.services
            .iter()
            .rev()
            .find(|s| s.owner == *owner && s.plate_number == plate && s.plate_color == color)
    }

    /// The parking with WeChat's id `id` of this merchant.
    pub(crate) fn parking_by_id_mut(&mut self, owner: &Owner, id: &str) -> Option<&mut Parking> {
        self.parkings.values_mut().find(|p| p.owner == *owner && p.id == id)
    }
}
