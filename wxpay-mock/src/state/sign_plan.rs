//! Users' sign plans (签约计划): one user on a `NORMAL` PayScore plan of the same service.
//! `UNSIGNED` until the user signs (`SIGNED`, `PAYSCORE.USER_SIGN_PLAN`), then
//! `SIGN_PLAN_CANCEL` when the merchant stops it or the user cancels it
//! (`PAYSCORE.USER_CANCEL_SIGN_PLAN`). Each item keeps its state and the service order
//! using it.

use serde_json::{Map, Value, json};

use super::{Owner, Phase, plan::PlanItem};
use crate::util;

/// `sign_state` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SignState {
    /// `UNSIGNED`: 用户未签约.
    Unsigned,
    /// `SIGNED`: 用户已签约.
    Signed,
    /// `SIGN_PLAN_CANCEL`: 签约计划已取消.
    Cancelled,
}

impl SignState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Unsigned => "UNSIGNED",
            Self::Signed => "SIGNED",
            Self::Cancelled => "SIGN_PLAN_CANCEL",
        }
    }
}

/// One item of a sign plan.
#[derive(Clone, Debug)]
pub(crate) struct SignedItem {
    pub(crate) item: PlanItem,
    pub(crate) merchant_plan_detail_no: String,
    /// `NOT_USED`, `USING`, `USED` or `SIGN_PLAN_DETAIL_CANCEL`.
    pub(crate) state: &'static str,
    pub(crate) order_id: Option<String>,
    pub(crate) use_time: Option<i64>,
    /// When the item's service order was paid.
    pub(crate) complete_time: Option<i64>,
    pub(crate) cancel_time: Option<i64>,
}

impl SignedItem {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("plan_detail_no".into(), json!(self.item.plan_detail_no));
        map.insert("original_price".into(), json!(self.item.original_price));
        if let Some(description) = &self.item.plan_discount_description {
            map.insert("plan_discount_description".into(), json!(description));
        }
        map.insert("actual_price".into(), json!(self.item.actual_price));
        map.insert("plan_detail_state".into(), json!(self.state));
        if let Some(order_id) = &self.order_id {
            map.insert("order_id".into(), json!(order_id));
        }
        map.insert("merchant_plan_detail_no".into(), json!(self.merchant_plan_detail_no));
        map.insert("plan_detail_name".into(), json!(self.item.plan_detail_name));
        if let Some(at) = self.use_time {
            map.insert("use_time".into(), json!(util::rfc3339(at)));
        }
        if let Some(at) = self.complete_time {
            map.insert("complete_time".into(), json!(util::rfc3339(at)));
        }
        if let Some(at) = self.cancel_time {
            map.insert("cancel_time".into(), json!(util::rfc3339(at)));
        }
        Value::Object(map)
    }
}

/// How a sign plan was cancelled.
#[derive(Clone, Debug)]
pub(crate) struct Cancellation {
    pub(crate) at: i64,
    /// `USER` or `MERCHANT`.
    pub(crate) by: &'static str,
    pub(crate) reason: Option<String>,
}

/// A user's sign plan, kept by owner and `merchant_sign_plan_no`.
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(crate) struct SignPlan {
    pub(crate) owner: Owner,
    pub(crate) sign_plan_id: String,
    pub(crate) service_id: String,
    pub(crate) appid: String,
    pub(crate) sub_appid: Option<String>,
    pub(crate) openid: Option<String>,
    pub(crate) sub_openid: Option<String>,
    pub(crate) merchant_sign_plan_no: String,
    pub(crate) notify_url: String,
    pub(crate) plan_id: String,
    pub(crate) plan_name: String,
    pub(crate) plan_duration: u32,
    pub(crate) deduction_quantity: u32,
    pub(crate) total_origin_price: u64,
    pub(crate) total_actual_price: u64,
    pub(crate) items: Vec<SignedItem>,
    /// The item in use (from 1), 0 when none is.
    pub(crate) going_detail_no: u32,
    pub(crate) state: SignState,
    pub(crate) created_at: i64,
    pub(crate) sign_time: Option<i64>,
    pub(crate) cancellation: Option<Cancellation>,
    /// The data for WeChat's signing page.
    pub(crate) package: String,
    /// The create parameters, for repeated calls.
    pub(crate) request: Value,
}

/// Seconds in a day.
const DAY: i64 = 86_400;

impl SignPlan {
    /// When the sign plan expires: `plan_duration` days from signing (from creation while
    /// unsigned).
    fn over_time(&self) -> i64 {
        self.sign_time
            .unwrap_or(self.created_at)
            .saturating_add(i64::from(self.plan_duration).saturating_mul(DAY))
    }

    /// The sign plan as query and stop answer it, and as the notifications carry it.
    pub(crate) fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("sign_plan_id".into(), json!(self.sign_plan_id));
        for (key, value) in [("openid", &self.openid), ("sub_openid", &self.sub_openid)] {
            if let Some(value) = value {
                map.insert(key.into(), json!(value));
            }
        }
        self.owner.write_ids(&mut map, &self.service_id, &self.appid, self.sub_appid.as_deref());
        map.insert("merchant_sign_plan_no".into(), json!(self.merchant_sign_plan_no));
        map.insert("merchant_callback_url".into(), json!(self.notify_url));
        map.insert("plan_id".into(), json!(self.plan_id));
        map.insert("going_detail_no".into(), json!(self.going_detail_no));
        map.insert("sign_state".into(), json!(self.state.as_str()));
        match &self.cancellation {
            Some(cancel) => {
                map.insert("cancel_sign_time".into(), json!(util::rfc3339(cancel.at)));
                map.insert("cancel_sign_type".into(), json!(cancel.by));
                if let Some(reason) = &cancel.reason {
                    map.insert("cancel_reason".into(), json!(reason));
                }
            }
            None => {
                map.insert("cancel_sign_type".into(), json!("NOT_CANCEL"));
            }
        }
        map.insert("plan_name".into(), json!(self.plan_name));
        map.insert("plan_over_time".into(), json!(util::rfc3339(self.over_time())));
        map.insert("total_origin_price".into(), json!(self.total_origin_price));
        map.insert("deduction_quantity".into(), json!(self.deduction_quantity));
        map.insert("total_actual_price".into(), json!(self.total_actual_price));
        map.insert(
            "signed_detail_list".into(),
            Value::Array(self.items.iter().map(SignedItem::to_json).collect()),
        );
        if let Some(at) = self.sign_time {
            map.insert("sign_time".into(), json!(util::rfc3339(at)));
        }
        Value::Object(map)
    }

    /// The user signs: `UNSIGNED` → `SIGNED`. Returns the state it was in when refused.
    pub(crate) fn sign(&mut self, at: i64) -> Result<(), SignState> {
        if self.state != SignState::Unsigned {
            return Err(self.state);
        }
        self.state = SignState::Signed;
        self.sign_time = Some(at);
        Ok(())
    }

    /// Cancels the sign plan (`by` `USER` or `MERCHANT`): `SIGN_PLAN_CANCEL`, the items not
    /// used yet `SIGN_PLAN_DETAIL_CANCEL`. The user can cancel only what they signed; the
    /// merchant can also stop an unsigned plan. Returns the state it was in when refused.
    pub(crate) fn cancel(
        &mut self,
        by: &'static str,
        reason: Option<String>,
        at: i64,
    ) -> Result<(), SignState> {
        let allowed = match self.state {
            SignState::Signed => true,
            SignState::Unsigned => by == "MERCHANT",
            SignState::Cancelled => false,
        };
        if !allowed {
            return Err(self.state);
        }
        self.state = SignState::Cancelled;
        self.cancellation = Some(Cancellation { at, by, reason });
        for item in &mut self.items {
            if item.state == "NOT_USED" {
                item.state = "SIGN_PLAN_DETAIL_CANCEL";
                item.cancel_time = Some(at);
            }
        }
        Ok(())
    }

    /// Follows the service order of item `plan_detail_no`: paid (`DONE`), the item is
    /// `USED`; cancelled or expired, the item is cancelled (`SIGN_PLAN_DETAIL_CANCEL`) and the
    /// next item may be ordered (WeChat: cancel the previous order, or complete it and wait
    /// for the payment, before creating another item's order).
    pub(crate) fn settle(&mut self, plan_detail_no: u32, phase: Phase, at: i64) {
        let Some(item) = self
            .items
            .iter_mut()
            .find(|i| i.item.plan_detail_no == plan_detail_no && i.state == "USING")
        else {
            return;
        };
        match phase {
            Phase::Done => {
                item.state = "USED";
                item.complete_time = Some(at);
            }
            Phase::Revoked | Phase::Expired => {
                item.state = "SIGN_PLAN_DETAIL_CANCEL";
                item.cancel_time = Some(at);
            }
            Phase::Created | Phase::UserConfirm | Phase::MchComplete => {}
        }
    }

    /// Attaches the service order `order_id` to item `plan_detail_no` of a signed plan: the
    /// item is `USING` and becomes the `going_detail_no` (the sign-plan service orders).
    /// Returns `false` if the plan is not signed or the item not unused.
    pub(crate) fn use_item(&mut self, plan_detail_no: u32, order_id: &str, at: i64) -> bool {
        if self.state != SignState::Signed {
            return false;
        }
        let Some(item) = self
            .items
            .iter_mut()
            .find(|i| i.item.plan_detail_no == plan_detail_no && i.state == "NOT_USED")
        else {
            return false;
        };
        item.state = "USING";
        item.order_id = Some(order_id.to_owned());
        item.use_time = Some(at);
        self.going_detail_no = plan_detail_no;
        true
    }
}

impl super::State {
    /// Brings the items of sign plan `key` up to date with their service orders (numbered
    /// by the item's `merchant_plan_detail_no`), see [`SignPlan::settle`].
    pub(crate) fn settle_sign_plan(&mut self, key: &(Owner, String)) {
        let Some(plan) = self.sign_plans.get(key) else {
            return;
        };
        let phases: Vec<(u32, Phase)> = plan
            .items
            .iter()
            .filter(|item| item.state == "USING")
            .filter_map(|item| {
                let order = self.order(&plan.owner, &item.merchant_plan_detail_no)?;
                Some((item.item.plan_detail_no, order.phase))
            })
            .collect();
        let now = util::unix_now();
        if let Some(plan) = self.sign_plans.get_mut(key) {
            for (plan_detail_no, phase) in phases {
                plan.settle(plan_detail_no, phase, now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wxpay_payscore::{
        notification::{CancelSignType, PlanDetailState, SignPlanNotification, SignPlanState},
        sign_plan::{UserSignPlan, partner::PartnerUserSignPlan},
    };

    fn sign_plan() -> SignPlan {
        let item = |no: u32| SignedItem {
            item: PlanItem {
                plan_detail_no: no,
                plan_detail_name: format!("第{no}节"),
                original_price: 100,
                plan_discount_description: None,
                actual_price: 90,
            },
            merchant_plan_detail_no: format!("D{no}"),
            state: "NOT_USED",
            order_id: None,
            use_time: None,
            complete_time: None,
            cancel_time: None,
        };
        SignPlan {
            owner: Owner::direct("1230000109"),
            sign_plan_id: "S1".into(),
            service_id: "500001".into(),
            appid: "wx1".into(),
            sub_appid: None,
            openid: Some("o1".into()),
            sub_openid: None,
            merchant_sign_plan_no: "SP1".into(),
            notify_url: "https://example.com/n".into(),
            plan_id: "P1".into(),
            plan_name: "瑜伽课".into(),
            plan_duration: 30,
            deduction_quantity: 2,
            total_origin_price: 200,
            total_actual_price: 180,
            items: vec![item(1), item(2)],
            going_detail_no: 0,
            state: SignState::Unsigned,
            created_at: 1_700_000_000,
            sign_time: None,
            cancellation: None,
            package: "p".into(),
            request: json!({}),
        }
    }

    #[test]
    fn states_follow_the_documented_machine() {
        let mut plan = sign_plan();
        assert!(!plan.use_item(1, "O1", 1), "unsigned plans have no orders");
        assert_eq!(plan.cancel("USER", None, 1), Err(SignState::Unsigned));
        plan.sign(1_700_000_100).expect("sign");
        assert_eq!(plan.sign(1_700_000_200), Err(SignState::Signed));
        assert!(plan.use_item(1, "O1", 1_700_000_300));
        assert!(!plan.use_item(1, "O2", 1_700_000_300), "an item is used once");
        assert_eq!(plan.going_detail_no, 1);
        plan.cancel("USER", Some("不想上了".into()), 1_700_000_400).expect("cancel");
        assert_eq!(plan.items[0].state, "USING");
        assert_eq!(plan.items[1].state, "SIGN_PLAN_DETAIL_CANCEL");
        assert_eq!(plan.cancel("MERCHANT", None, 1), Err(SignState::Cancelled));
        let mut unsigned = sign_plan();
        unsigned.cancel("MERCHANT", Some("停止".into()), 1).expect("merchant stops");
        assert_eq!(unsigned.state, SignState::Cancelled);
    }

    #[test]
    fn answers_and_events_decode_into_the_payscore_types() {
        let mut plan = sign_plan();
        let answer: UserSignPlan = serde_json::from_value(plan.to_json()).expect("answer");
        assert_eq!(answer.sign_state, "UNSIGNED");
        assert_eq!(answer.cancel_sign_type.as_deref(), Some("NOT_CANCEL"));
        assert_eq!(answer.going_detail_no, 0);
        assert_eq!(answer.signed_detail_list[1].plan_detail_no, 2);
        assert_eq!(answer.plan_over_time, util::rfc3339(1_700_000_000 + 30 * DAY));
        plan.sign(1_700_000_100).expect("sign");
        let event: SignPlanNotification = serde_json::from_value(plan.to_json()).expect("event");
        assert_eq!(event.sign_state, Some(SignPlanState::Signed));
        assert_eq!(event.signed_detail_list[0].plan_detail_state, PlanDetailState::NotUsed);
        assert!(event.sign_time.is_some());
        plan.owner = Owner::partner("1230000109", "1900000109");
        plan.cancel("USER", None, 1_700_000_200).expect("cancel");
        let partner: PartnerUserSignPlan = serde_json::from_value(plan.to_json()).expect("partner");
        assert_eq!(partner.sign_state, "SIGN_PLAN_CANCEL");
        assert_eq!(partner.sub_mchid, "1900000109");
        let event: SignPlanNotification = serde_json::from_value(plan.to_json()).expect("event");
        assert_eq!(event.sign_state, Some(SignPlanState::SignPlanCancel));
        assert_eq!(event.cancel_sign_type, Some(CancelSignType::User));
        assert_eq!(
            event.signed_detail_list[1].plan_detail_state,
            PlanDetailState::SignPlanDetailCancel
        );
    }
}
