//! The refund entity WeChat answers with (退款单), shared by create, query and abnormal
//! refund.

use serde::Deserialize;

use crate::string_enum::string_enum;

string_enum! {
    /// Refund status (退款状态) `status`.
    pub enum RefundStatus {
        /// `SUCCESS`: 退款成功.
        Success = "SUCCESS",
        /// `CLOSED`: 退款关闭.
        Closed = "CLOSED",
        /// `PROCESSING`: 退款处理中.
        Processing = "PROCESSING",
        /// `ABNORMAL`: 退款异常 — the money could not go back (e.g. the user's card was
        /// cancelled); handle it with [`ApplyAbnormalRefund`](super::ApplyAbnormalRefund).
        Abnormal = "ABNORMAL",
    }
}

string_enum! {
    /// Where the refund goes (退款渠道) `channel`.
    pub enum RefundChannel {
        /// `ORIGINAL`: 原路退款.
        Original = "ORIGINAL",
        /// `BALANCE`: 退回到余额.
        Balance = "BALANCE",
        /// `OTHER_BALANCE`: 原账户异常退到其他余额账户.
        OtherBalance = "OTHER_BALANCE",
        /// `OTHER_BANKCARD`: 原银行卡异常退到其他银行卡.
        OtherBankcard = "OTHER_BANKCARD",
    }
}

string_enum! {
    /// Which merchant account the refund is paid from (资金账户) `funds_account`.
    pub enum FundsAccount {
        /// `UNSETTLED`: 未结算资金.
        Unsettled = "UNSETTLED",
        /// `AVAILABLE`: 可用余额.
        Available = "AVAILABLE",
        /// `UNAVAILABLE`: 不可用余额.
        Unavailable = "UNAVAILABLE",
        /// `OPERATION`: 运营账户.
        Operation = "OPERATION",
        /// `BASIC`: 基本账户（含可用余额和不可用余额）.
        Basic = "BASIC",
        /// `ECNY_BASIC`: 数字人民币基本账户.
        EcnyBasic = "ECNY_BASIC",
    }
}

string_enum! {
    /// The account a part of the refund is taken from (出资账户类型) `amount.from[].account`.
    pub enum RefundAccount {
        /// `AVAILABLE`: 可用余额.
        Available = "AVAILABLE",
        /// `UNAVAILABLE`: 不可用余额.
        Unavailable = "UNAVAILABLE",
    }
}

/// A refund (退款单): the answer of create, query and abnormal refund.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Refund {
    /// 微信支付退款单号 `refund_id`.
    pub refund_id: String,
    /// 商户退款单号 `out_refund_no`.
    pub out_refund_no: String,
    /// 微信支付订单号 `transaction_id`.
    pub transaction_id: String,
    /// 商户订单号 `out_trade_no`.
    pub out_trade_no: String,
    /// 退款渠道 `channel`.
    pub channel: RefundChannel,
    /// 退款入账账户 `user_received_account`, e.g. `招商银行信用卡0403` or `支付用户零钱`.
    pub user_received_account: String,
    /// 退款成功时间 `success_time` (RFC 3339), once `SUCCESS`.
    #[serde(default)]
    pub success_time: Option<String>,
    /// 退款创建时间 `create_time` (RFC 3339).
    pub create_time: String,
    /// 退款状态 `status`.
    pub status: RefundStatus,
    /// 资金账户 `funds_account`.
    #[serde(default)]
    pub funds_account: Option<FundsAccount>,
    /// 金额信息 `amount`.
    pub amount: RefundAmountDetail,
    /// 优惠退款信息 `promotion_detail`.
    #[serde(default)]
    pub promotion_detail: Vec<Promotion>,
}

/// 金额信息 `amount` of a [`Refund`], in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RefundAmountDetail {
    /// 订单金额 `total`.
    pub total: u64,
    /// 退款金额 `refund`.
    pub refund: u64,
    /// 退款出资账户及金额 `from`.
    #[serde(default)]
    pub from: Vec<super::FundsFrom>,
    /// 用户实际支付金额 `payer_total`.
    #[serde(default)]
    pub payer_total: Option<u64>,
    /// 用户退款金额 `payer_refund`.
    #[serde(default)]
    pub payer_refund: Option<u64>,
    /// 应结退款金额 `settlement_refund`.
    #[serde(default)]
    pub settlement_refund: Option<u64>,
    /// 应结订单金额 `settlement_total`.
    #[serde(default)]
    pub settlement_total: Option<u64>,
    /// 优惠退款金额 `discount_refund`.
    #[serde(default)]
    pub discount_refund: Option<u64>,
    /// 退款币种 `currency`, `CNY`.
    #[serde(default)]
    pub currency: Option<String>,
    /// 手续费退款金额 `refund_fee`.
    #[serde(default)]
    pub refund_fee: Option<u64>,
}

/// 优惠退款详情 `promotion_detail[]` of a [`Refund`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Promotion {
    /// 券ID `promotion_id`.
    pub promotion_id: String,
    /// 优惠范围 `scope`: `GLOBAL` (全场代金券) or `SINGLE` (单品优惠).
    pub scope: String,
    /// 优惠类型 `type`: `COUPON` (代金券) or `DISCOUNT` (优惠券).
    #[serde(rename = "type")]
    pub kind: String,
    /// 优惠券面额 `amount`.
    pub amount: u64,
    /// 优惠退款金额 `refund_amount`.
    pub refund_amount: u64,
    /// 商品列表 `goods_detail`.
    #[serde(default)]
    pub goods_detail: Vec<super::GoodsDetail>,
}
