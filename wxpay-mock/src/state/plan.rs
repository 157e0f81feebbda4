//! PayScore plans (支付分计划): a merchant's numbered list of charges a user may sign up
//! for. `NORMAL` until the merchant stops it (`STOP`); only a `NORMAL` plan can be signed.

use serde_json::{Map, Value, json};

use super::Owner;
use crate::util;

/// `plan_state` `NORMAL`: 计划正常进行中，可以签约.
pub(crate) const NORMAL: &str = "NORMAL";
/// `plan_state` `STOP`: 计划停止，无法签约.
pub(crate) const STOP: &str = "STOP";

/// One item of a plan, numbered from 1 in the order given at creation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlanItem {
    pub(crate) plan_detail_no: u32,
    pub(crate) plan_detail_name: String,
    pub(crate) original_price: u64,
    pub(crate) plan_discount_description: Option<String>,
    pub(crate) actual_price: u64,
}

impl PlanItem {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("plan_detail_no".into(), json!(self.plan_detail_no));
        map.insert("plan_detail_name".into(), json!(self.plan_detail_name));
        map.insert("original_price".into(), json!(self.original_price));
        if let Some(description) = &self.plan_discount_description {
            map.insert("plan_discount_description".into(), json!(description));
        }
        map.insert("actual_price".into(), json!(self.actual_price));
        Value::Object(map)
    }
}

/// A PayScore plan, kept by owner and `merchant_plan_no`.
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(crate) struct Plan {
    pub(crate) owner: Owner,
    pub(crate) plan_id: String,
    pub(crate) service_id: String,
    pub(crate) appid: String,
    pub(crate) sub_appid: Option<String>,
    pub(crate) merchant_plan_no: String,
    pub(crate) plan_name: String,
    pub(crate) plan_duration: u32,
    pub(crate) deduction_quantity: u32,
    pub(crate) total_original_price: u64,
    pub(crate) total_actual_price: u64,
    pub(crate) items: Vec<PlanItem>,
    /// Who stopped it and when (Unix seconds).
    pub(crate) stopped: Option<(String, i64)>,
    /// The create parameters, for repeated calls.
    pub(crate) request: Value,
}

impl Plan {
    /// `NORMAL` or `STOP`.
    pub(crate) fn state(&self) -> &'static str {
        if self.stopped.is_some() { STOP } else { NORMAL }
    }

    /// The plan as create, query and stop answer it (partner answers add `sub_mchid` and
    /// `sub_appid`).
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("plan_id".into(), json!(self.plan_id));
        self.owner.write_ids(&mut map, &self.service_id, &self.appid, self.sub_appid.as_deref());
        map.insert("merchant_plan_no".into(), json!(self.merchant_plan_no));
        map.insert("plan_name".into(), json!(self.plan_name));
        map.insert("plan_duration".into(), json!(self.plan_duration));
        map.insert("plan_state".into(), json!(self.state()));
        map.insert("total_original_price".into(), json!(self.total_original_price));
        map.insert("deduction_quantity".into(), json!(self.deduction_quantity));
        map.insert("total_actual_price".into(), json!(self.total_actual_price));
        map.insert(
            "plan_detail_list".into(),
            Value::Array(self.items.iter().map(PlanItem::to_json).collect()),
        );
        if let Some((mchid, at)) = &self.stopped {
            map.insert("stop_mchid".into(), json!(mchid));
            map.insert("stop_time".into(), json!(util::rfc3339(*at)));
        }
        Value::Object(map)
    }
}

/// Why the items of a plan being created are refused: the JSON pointer of the field and
/// WeChat's words.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) field: String,
    pub(crate) message: String,
}

fn refuse(field: impl Into<String>, message: impl Into<String>) -> Refusal {
    Refusal { field: field.into(), message: message.into() }
}

/// The documented rules of a new plan: as many items as charges, each charging at most its
/// original price and at most the item before it, the totals the sums of the items, a
/// name of at most 20 characters, a positive duration. Returns the items numbered from 1.
pub(crate) fn check_items(
    plan_name: &str,
    plan_duration: u32,
    deduction_quantity: u32,
    totals: (u64, u64),
    items: &[(String, u64, Option<String>, u64)],
) -> Result<Vec<PlanItem>, Refusal> {
    if plan_name.chars().count() > 20 {
        return Err(refuse("/plan_name", "支付分计划名称长度不能超过20个字符"));
    }
    if plan_duration == 0 {
        return Err(refuse("/plan_duration", "支付分计划有效期必须大于0"));
    }
    if deduction_quantity == 0 {
        return Err(refuse("/deduction_quantity", "支付分计划扣费次数必须大于0"));
    }
    if usize::try_from(deduction_quantity).ok() != Some(items.len()) {
        return Err(refuse("/plan_detail_list", "支付分计划明细数量必须等于支付分计划扣费次数"));
    }
    let mut numbered = Vec::with_capacity(items.len());
    let mut previous: Option<u64> = None;
    for (i, (name, original, description, actual)) in items.iter().enumerate() {
        if actual > original {
            return Err(refuse(
                format!("/plan_detail_list/{i}/actual_price"),
                "计划明细实际支付金额不能大于计划明细原支付金额",
            ));
        }
        if previous.is_some_and(|p| *actual > p) {
            return Err(refuse(
                format!("/plan_detail_list/{i}/actual_price"),
                "计划明细实际支付金额不能大于上一个计划明细的实际支付金额",
            ));
        }
        previous = Some(*actual);
        numbered.push(PlanItem {
            plan_detail_no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            plan_detail_name: name.clone(),
            original_price: *original,
            plan_discount_description: description.clone(),
            actual_price: *actual,
        });
    }
    let original: Option<u64> =
        numbered.iter().try_fold(0u64, |sum, item| sum.checked_add(item.original_price));
    if original != Some(totals.0) {
        return Err(refuse(
            "/total_original_price",
            "支付分计划原总金额必须等于计划明细原支付金额之和",
        ));
    }
    let actual: Option<u64> =
        numbered.iter().try_fold(0u64, |sum, item| sum.checked_add(item.actual_price));
    if actual != Some(totals.1) {
        return Err(refuse(
            "/total_actual_price",
            "支付分计划实际扣费总金额必须等于计划明细实际支付金额之和",
        ));
    }
    Ok(numbered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wxpay_payscore::plan::{PayScorePlan, partner::PartnerPayScorePlan};

    fn item(original: u64, actual: u64) -> (String, u64, Option<String>, u64) {
        ("课".to_owned(), original, None, actual)
    }

    #[test]
    fn items_are_numbered_and_checked() {
        let items = [item(100, 90), item(100, 90), item(100, 80)];
        let numbered = check_items("瑜伽课", 30, 3, (300, 260), &items).expect("valid");
        assert_eq!(numbered.iter().map(|i| i.plan_detail_no).collect::<Vec<_>>(), [1, 2, 3]);
        let field = |r: Result<Vec<PlanItem>, Refusal>| r.expect_err("refused").field;
        assert_eq!(field(check_items("瑜伽课", 30, 2, (300, 260), &items)), "/plan_detail_list");
        assert_eq!(
            field(check_items("瑜伽课", 30, 1, (100, 110), &[item(100, 110)])),
            "/plan_detail_list/0/actual_price"
        );
        assert_eq!(
            field(check_items("瑜伽课", 30, 2, (200, 170), &[item(100, 80), item(100, 90)])),
            "/plan_detail_list/1/actual_price"
        );
        assert_eq!(
            field(check_items("瑜伽课", 30, 3, (301, 260), &items)),
            "/total_original_price"
        );
        assert_eq!(field(check_items("瑜伽课", 30, 3, (300, 261), &items)), "/total_actual_price");
        assert_eq!(field(check_items("瑜伽课", 0, 3, (300, 260), &items)), "/plan_duration");
        assert_eq!(field(check_items(&"课".repeat(21), 30, 3, (300, 260), &items)), "/plan_name");
    }

    #[test]
    fn answers_decode_into_the_payscore_types() {
        let mut plan = Plan {
            owner: Owner::direct("1230000109"),
            plan_id: "1".into(),
            service_id: "500001".into(),
            appid: "wx1".into(),
            sub_appid: None,
            merchant_plan_no: "P1".into(),
            plan_name: "瑜伽课".into(),
            plan_duration: 30,
            deduction_quantity: 1,
            total_original_price: 100,
            total_actual_price: 90,
            items: check_items("瑜伽课", 30, 1, (100, 90), &[item(100, 90)]).expect("items"),
            stopped: None,
            request: json!({}),
        };
        let direct: PayScorePlan = serde_json::from_value(plan.to_json()).expect("direct");
        assert_eq!(direct.plan_state, "NORMAL");
        assert_eq!(direct.plan_detail_list[0].plan_detail_no, 1);
        assert_eq!(direct.stop_time, None);
        plan.owner = Owner::partner("1230000109", "1900000109");
        plan.stopped = Some(("1230000109".into(), 0));
        let partner: PartnerPayScorePlan = serde_json::from_value(plan.to_json()).expect("partner");
        assert_eq!(partner.plan_state, "STOP");
        assert_eq!(partner.sub_mchid, "1900000109");
        assert_eq!(partner.stop_mchid.as_deref(), Some("1230000109"));
        assert!(partner.stop_time.is_some());
    }
}
