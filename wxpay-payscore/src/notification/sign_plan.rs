//! `PAYSCORE.USER_SIGN_PLAN` and `PAYSCORE.USER_CANCEL_SIGN_PLAN`: a user's sign plan
//! (签约计划) of a PayScore plan (支付分计划).

use serde::{Deserialize, Serialize};

use crate::types::{Amount, redacted_debug, string_enum};

string_enum! {
    /// 计划签约状态 `sign_state`.
    pub enum SignPlanState {
        /// `SIGNED`: the user signed the plan.
        Signed = "SIGNED",
        /// `UNSIGNED`: not signed yet.
        Unsigned = "UNSIGNED",
        /// `SIGN_PLAN_CANCEL`: the sign plan was cancelled (签约计划已取消).
        SignPlanCancel = "SIGN_PLAN_CANCEL",
        /// `COMPLETE`: every item of the sign plan was completed.
        Complete = "COMPLETE",
        /// `EXPIRE`: the sign plan expired.
        Expire = "EXPIRE",
    }
}

string_enum! {
    /// 签约计划取消类型 `cancel_sign_type`.
    pub enum CancelSignType {
        /// `NOT_CANCEL`: not cancelled.
        NotCancel = "NOT_CANCEL",
        /// `USER`: the user cancelled.
        User = "USER",
        /// `MERCHANT`: the merchant stopped it.
        Merchant = "MERCHANT",
        /// `REVOKE_SERVICE`: the user revoked the PayScore authorization.
        RevokeService = "REVOKE_SERVICE",
    }
}

string_enum! {
    /// 计划明细状态 `plan_detail_state`.
    pub enum PlanDetailState {
        /// `NOT_USED`: not used yet.
        NotUsed = "NOT_USED",
        /// `USING`: its service order is in progress.
        Using = "USING",
        /// `USED`: used.
        Used = "USED",
        /// `SIGN_PLAN_DETAIL_CANCEL`: cancelled with the sign plan.
        SignPlanDetailCancel = "SIGN_PLAN_DETAIL_CANCEL",
    }
}

/// The sign plan carried by `PAYSCORE.USER_SIGN_PLAN` (签约成功) and
/// `PAYSCORE.USER_CANCEL_SIGN_PLAN` (取消签约), direct and partner.
///
/// Times are kept as WeChat writes them. `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignPlanNotification {
    /// 签约计划ID `sign_plan_id`: WeChat's id of the sign plan.
    pub sign_plan_id: String,
    /// 用户标识 `openid` under `appid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// 子商户用户标识 `sub_openid` under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// 服务ID `service_id`.
    pub service_id: String,
    /// 商户号 `mchid` (partner mode: the service provider's).
    pub mchid: String,
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 应用ID `appid` (partner mode: the service provider's).
    pub appid: String,
    /// 子商户应用ID `sub_appid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 商户签约计划单号 `merchant_sign_plan_no`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_sign_plan_no: Option<String>,
    /// 签约事件回调地址 `merchant_callback_url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_callback_url: Option<String>,
    /// 支付分计划ID `plan_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// 进行中的计划明细序号 `going_detail_no`: from 1 in creation order, 0 if none is in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub going_detail_no: Option<u32>,
    /// 计划签约状态 `sign_state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_state: Option<SignPlanState>,
    /// 取消签约时间 `cancel_sign_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_sign_time: Option<String>,
    /// 签约计划取消类型 `cancel_sign_type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_sign_type: Option<CancelSignType>,
    /// 签约计划取消原因 `cancel_reason`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// 计划名称 `plan_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// 计划过期时间 `plan_over_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_over_time: Option<String>,
    /// 计划原总金额 `total_origin_price` (fen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_origin_price: Option<Amount>,
    /// 计划扣费次数 `deduction_quantity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deduction_quantity: Option<u32>,
    /// 计划实际总金额 `total_actual_price` (fen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_actual_price: Option<Amount>,
    /// 签约计划明细列表 `signed_detail_list`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signed_detail_list: Vec<SignedPlanDetail>,
    /// 签约时间 `sign_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_time: Option<String>,
}

redacted_debug!(SignPlanNotification {
    sign_plan_id, service_id, mchid, sub_mchid, appid, sub_appid, merchant_sign_plan_no,
    merchant_callback_url, plan_id, going_detail_no, sign_state, cancel_sign_time,
    cancel_sign_type, cancel_reason, plan_name, plan_over_time, total_origin_price,
    deduction_quantity, total_actual_price, signed_detail_list, sign_time,
} redact { openid, sub_openid });

/// One entry of `signed_detail_list` (签约计划明细).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignedPlanDetail {
    /// 计划明细序号 `plan_detail_no`, from 1 in creation order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_detail_no: Option<u32>,
    /// 计划明细原支付金额 `original_price` (fen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_price: Option<Amount>,
    /// 计划明细优惠说明 `plan_discount_description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_discount_description: Option<String>,
    /// 计划明细实际支付金额 `actual_price` (fen).
    pub actual_price: Amount,
    /// 计划明细状态 `plan_detail_state`.
    pub plan_detail_state: PlanDetailState,
    /// 支付分订单号 `order_id`: once in use, used or cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// 商户侧计划明细使用订单号 `merchant_plan_detail_no`: becomes the `out_order_no` of
    /// the detail's service order.
    pub merchant_plan_detail_no: String,
    /// 计划明细名称 `plan_detail_name`.
    pub plan_detail_name: String,
    /// 实际支付金额 `actual_pay_price` (fen): what the user paid once the order completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_pay_price: Option<Amount>,
    /// 使用时间 `use_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_time: Option<String>,
    /// 完成时间 `complete_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_time: Option<String>,
    /// 取消时间 `cancel_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_time: Option<String>,
}
