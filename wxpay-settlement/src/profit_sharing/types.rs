//! The entities WeChat answers with: the profit-sharing order and the return order, and
//! their enums.

use std::fmt;

use serde::Deserialize;

use crate::string_enum::string_enum;

string_enum! {
    /// 分账接收方类型 `type`.
    pub enum ReceiverType {
        /// `MERCHANT_ID`: 商户号; `account` is the merchant id.
        MerchantId = "MERCHANT_ID",
        /// `PERSONAL_OPENID`: 个人 openid（由父商户 `APPID` 转换得到）. Personal data.
        PersonalOpenid = "PERSONAL_OPENID",
        /// `PERSONAL_SUB_OPENID`: 个人 `sub_openid`（由子商户 `APPID` 转换得到）. Personal data.
        PersonalSubOpenid = "PERSONAL_SUB_OPENID",
    }
}

impl ReceiverType {
    /// Whether the `account` of this type identifies a person (an openid).
    #[must_use]
    pub fn is_personal(&self) -> bool {
        !matches!(self, Self::MerchantId)
    }
}

/// What `Debug` shows for an `account`: the merchant id, or `<redacted>` for an openid.
pub(crate) struct DebugAccount<'a>(pub(crate) &'a ReceiverType, pub(crate) &'a str);

impl fmt::Debug for DebugAccount<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_personal() { f.write_str("<redacted>") } else { fmt::Debug::fmt(self.1, f) }
    }
}

string_enum! {
    /// 与分账方的关系类型 `relation_type`.
    pub enum RelationType {
        /// `SERVICE_PROVIDER`: 服务商.
        ServiceProvider = "SERVICE_PROVIDER",
        /// `STORE`: 门店.
        Store = "STORE",
        /// `STAFF`: 员工.
        Staff = "STAFF",
        /// `STORE_OWNER`: 店主.
        StoreOwner = "STORE_OWNER",
        /// `PARTNER`: 合作伙伴.
        Partner = "PARTNER",
        /// `HEADQUARTER`: 总部.
        Headquarter = "HEADQUARTER",
        /// `BRAND`: 品牌方.
        Brand = "BRAND",
        /// `DISTRIBUTOR`: 分销商.
        Distributor = "DISTRIBUTOR",
        /// `USER`: 用户.
        User = "USER",
        /// `SUPPLIER`: 供应商.
        Supplier = "SUPPLIER",
        /// `CUSTOM`: 自定义 (say which in `custom_relation`).
        Custom = "CUSTOM",
    }
}

string_enum! {
    /// 分账单状态 `state`.
    pub enum OrderState {
        /// `PROCESSING`: 处理中.
        Processing = "PROCESSING",
        /// `FINISHED`: 分账完成.
        Finished = "FINISHED",
    }
}

string_enum! {
    /// 分账结果 `receivers[].result`.
    pub enum ReceiverResult {
        /// `PENDING`: 待分账.
        Pending = "PENDING",
        /// `SUCCESS`: 分账成功.
        Success = "SUCCESS",
        /// `CLOSED`: 已关闭.
        Closed = "CLOSED",
    }
}

string_enum! {
    /// 分账失败原因 `receivers[].fail_reason`.
    pub enum DetailFailReason {
        /// `ACCOUNT_ABNORMAL`: 分账接收账户异常.
        AccountAbnormal = "ACCOUNT_ABNORMAL",
        /// `NO_RELATION`: 分账关系已解除.
        NoRelation = "NO_RELATION",
        /// `RECEIVER_HIGH_RISK`: 高风险接收方.
        ReceiverHighRisk = "RECEIVER_HIGH_RISK",
        /// `RECEIVER_REAL_NAME_NOT_VERIFIED`: 接收方未实名.
        ReceiverRealNameNotVerified = "RECEIVER_REAL_NAME_NOT_VERIFIED",
        /// `NO_AUTH`: 分账权限已解除.
        NoAuth = "NO_AUTH",
        /// `RECEIVER_RECEIPT_LIMIT`: 接收方已达收款限额.
        ReceiverReceiptLimit = "RECEIVER_RECEIPT_LIMIT",
        /// `PAYER_ACCOUNT_ABNORMAL`: 分出方账户异常.
        PayerAccountAbnormal = "PAYER_ACCOUNT_ABNORMAL",
        /// `INVALID_REQUEST`: 描述参数设置失败.
        InvalidRequest = "INVALID_REQUEST",
    }
}

string_enum! {
    /// 回退结果 `result`.
    pub enum ReturnResult {
        /// `PROCESSING`: 处理中.
        Processing = "PROCESSING",
        /// `SUCCESS`: 已成功.
        Success = "SUCCESS",
        /// `FAILED`: 已失败.
        Failed = "FAILED",
    }
}

/// A profit-sharing order (分账单): the answer of create, query and unfreeze.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ProfitSharingOrder {
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(default)]
    pub sub_mchid: Option<String>,
    /// 微信订单号 `transaction_id`.
    pub transaction_id: String,
    /// 商户分账单号 `out_order_no`.
    pub out_order_no: String,
    /// 微信分账单号 `order_id`.
    pub order_id: String,
    /// 分账单状态 `state`.
    pub state: OrderState,
    /// 分账接收方列表 `receivers`.
    #[serde(default)]
    pub receivers: Vec<OrderReceiver>,
}

/// 分账接收方 `receivers[]` of a [`ProfitSharingOrder`]. `Debug` hides an openid `account`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OrderReceiver {
    /// 分账金额 `amount`.
    pub amount: u64,
    /// 分账描述 `description`.
    pub description: String,
    /// 分账接收方类型 `type`.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// 分账接收方账号 `account`.
    pub account: String,
    /// 分账结果 `result`.
    pub result: ReceiverResult,
    /// 分账失败原因 `fail_reason`, when `CLOSED`.
    #[serde(default)]
    pub fail_reason: Option<DetailFailReason>,
    /// 分账明细单号 `detail_id`.
    #[serde(default)]
    pub detail_id: Option<String>,
    /// 分账创建时间 `create_time` (RFC 3339).
    pub create_time: String,
    /// 分账完成时间 `finish_time` (RFC 3339).
    pub finish_time: String,
}

impl fmt::Debug for OrderReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrderReceiver")
            .field("amount", &self.amount)
            .field("description", &self.description)
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .field("result", &self.result)
            .field("fail_reason", &self.fail_reason)
            .field("detail_id", &self.detail_id)
            .field("create_time", &self.create_time)
            .field("finish_time", &self.finish_time)
            .finish()
    }
}

/// A return order (分账回退单): the answer of [`CreateReturn`](super::CreateReturn) and
/// [`QueryReturn`](super::QueryReturn).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ReturnOrder {
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(default)]
    pub sub_mchid: Option<String>,
    /// 微信分账单号 `order_id`.
    pub order_id: String,
    /// 商户分账单号 `out_order_no`.
    pub out_order_no: String,
    /// 商户回退单号 `out_return_no`.
    pub out_return_no: String,
    /// 微信回退单号 `return_id`.
    pub return_id: String,
    /// 回退商户号 `return_mchid`.
    pub return_mchid: String,
    /// 回退金额 `amount`.
    pub amount: u64,
    /// 回退描述 `description`.
    pub description: String,
    /// 回退结果 `result`.
    pub result: ReturnResult,
    /// 失败原因 `fail_reason` (`ACCOUNT_ABNORMAL`, `TIME_OUT_CLOSED`), when `FAILED`.
    #[serde(default)]
    pub fail_reason: Option<String>,
    /// 创建时间 `create_time` (RFC 3339).
    pub create_time: String,
    /// 完成时间 `finish_time` (RFC 3339).
    #[serde(default)]
    pub finish_time: Option<String>,
}
