//! The objects shared by the order endpoints: fee items, discounts, risk fund, service time
//! and place, device, and the collection (payment) record.

use serde::{Deserialize, Serialize};

use super::{
    Amount, CollectionState, PaidType, PromotionScope, PromotionType, RiskFundName, ServiceTime,
    StartTime,
};

/// A fee item of an order (`post_payments[]`, 后付费项目).
///
/// `amount` is the total of the line, not a unit price: "4 meals, 100 yuan each" is
/// `amount` 40000 with `count` 4. At most 100 items per order.
///
/// ```
/// use wxpay_payscore::{Amount, Payment};
///
/// let meal = Payment::builder()
///     .name("就餐费用")
///     .amount(Amount::fen(40_000))
///     .description("就餐人均100元")
///     .count(4)
///     .build();
/// assert_eq!(meal.amount, Some(Amount::fen(40_000)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Payment {
    /// Name of the fee item (付费项目名称), at most 20 characters, unique within the order
    /// (except the literal `商品信息`). Required by every endpoint but the fee messages, whose
    /// docs mark it optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How the fee is computed (计费说明), at most 30 characters, e.g. `就餐人均100元`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Total amount of the item; zero means free. Required when completing an order and in
    /// the 先享 model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Quantity, 1 to 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// A merchant discount of an order (`post_discounts[]`, 后付费商户优惠). At most 30 per order.
///
/// `amount` is subtracted from the payments' total: see [`total_amount`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Discount {
    /// Name of the discount (优惠名称), at most 20 characters, unique within the order.
    #[serde(default)]
    pub name: String,
    /// Terms of the discount (优惠说明), at most 30 characters. Required by the partner
    /// endpoints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Amount of the discount (优惠金额). Required when completing or modifying an order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Quantity (优惠数量).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// `Σ post_payments.amount − Σ post_discounts.amount`: the `total_amount` that WeChat
/// requires on complete, modify and the fee messages (otherwise `PARAM_ERROR
/// 最终总金额计算非法`).
///
/// Items without an amount count as zero. `None` if the discounts exceed the payments or
/// the sum overflows.
///
/// ```
/// use wxpay_payscore::{Amount, Discount, Payment, total_amount};
///
/// let payments = [Payment::builder().name("就餐费用").amount(Amount::fen(40_000)).build()];
/// let discounts = [Discount::builder().name("满20减1元").amount(Amount::fen(100)).build()];
/// assert_eq!(total_amount(&payments, &discounts), Some(Amount::fen(39_900)));
/// assert_eq!(total_amount(&[], &discounts), None);
/// ```
#[must_use]
pub fn total_amount(payments: &[Payment], discounts: &[Discount]) -> Option<Amount> {
    fn sum(mut amounts: impl Iterator<Item = Option<Amount>>) -> Option<Amount> {
        amounts
            .try_fold(Amount::ZERO, |total, amount| total.checked_add(amount.unwrap_or_default()))
    }
    let paid = sum(payments.iter().map(|p| p.amount))?;
    let discounted = sum(discounts.iter().map(|d| d.amount))?;
    paid.checked_sub(discounted)
}

/// The risk fund of an order (`risk_fund`, 订单风险金): what the service may charge at most.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct RiskFund {
    /// The risk model: `DEPOSIT`, `ADVANCE`, `CASH_DEPOSIT` (先免) or `ESTIMATE_ORDER_COST`
    /// (先享).
    pub name: RiskFundName,
    /// Amount of the risk fund, at most the service's ceiling.
    pub amount: Amount,
    /// Description (风险说明), at most 30 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The service period (`time_range`, 服务时间段), in Beijing time.
///
/// `S` is the type of `start_time`: [`ServiceTime`] where an actual time is reported
/// (complete, direct-complete), [`StartTime`] where `OnAccept` is allowed too (create) and
/// in responses.
///
/// ```
/// use wxpay_payscore::{ServiceTime, StartTime, TimeRange};
///
/// let planned: TimeRange<StartTime> = TimeRange::builder()
///     .start_time(StartTime::OnAccept)
///     .build();
/// let actual: TimeRange = TimeRange::builder()
///     .start_time("20091225091010".parse::<ServiceTime>()?)
///     .end_time("20091225121010".parse()?)
///     .build();
/// # let _ = (planned, actual);
/// # Ok::<(), wxpay_payscore::InvalidTime>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TimeRange<S = ServiceTime> {
    /// Start of the service (服务开始时间). Required on create.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub start_time: Option<S>,
    /// Remark on the start time (服务开始时间备注), at most 20 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_remark: Option<String>,
    /// End of the service (服务结束时间): at or after `start_time`, and when completing, not
    /// after the call. Required on complete if it was not given on create.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<ServiceTime>,
    /// Remark on the end time (服务结束时间备注), at most 50 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time_remark: Option<String>,
}

impl<S> Default for TimeRange<S> {
    fn default() -> Self {
        Self { start_time: None, start_time_remark: None, end_time: None, end_time_remark: None }
    }
}

impl From<TimeRange> for TimeRange<StartTime> {
    fn from(range: TimeRange) -> Self {
        Self {
            start_time: range.start_time.map(StartTime::At),
            start_time_remark: range.start_time_remark,
            end_time: range.end_time,
            end_time_remark: range.end_time_remark,
        }
    }
}

/// Where the service takes place (`location`, 服务位置).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Location {
    /// Where the service starts (服务开始地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_location: Option<String>,
    /// Where the service ends (服务结束地点). When `start_location` is given, this is
    /// required too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_location: Option<String>,
}

/// The device used for the service (`device`, 设备信息), for unattended-device industries
/// (power banks, vending, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Device {
    /// Device where the service starts (服务开始的设备ID); mandatory for device-based
    /// industries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_device_id: Option<String>,
    /// Device where the service ends (服务结束的设备ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_device_id: Option<String>,
    /// Material code of the device (物料编码).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub materiel_no: Option<String>,
}

/// The payment record of a completed order (`collection`, 收款信息).
///
/// `PAYSCORE.USER_PAID` may arrive once per deduction: accumulate `paid_amount` and record
/// every `details[].transaction_id` (refunds need it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Collection {
    /// Collection state: `USER_PAYING` or `USER_PAID`.
    pub state: CollectionState,
    /// Total to collect (总收款金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// Amount still to be paid (待收金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paying_amount: Option<Amount>,
    /// Amount paid so far (已收金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_amount: Option<Amount>,
    /// One entry per successful payment (收款明细列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub details: Vec<CollectionDetail>,
    /// Bank of the payment (收款银行), e.g. `CMC`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
}

/// One successful payment of an order (`collection.details[]`, 收款明细).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CollectionDetail {
    /// Sequence number of the payment (收款序号), from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// Amount of this payment (单笔收款金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Channel: `NEWTON` (PayScore charge) or `MCH` (merchant channel, synced).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_type: Option<PaidType>,
    /// When the payment succeeded (收款成功时间), `yyyyMMddHHmmss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_time: Option<ServiceTime>,
    /// WeChat Pay transaction id (微信支付交易单号) of a `NEWTON` payment: refunds use it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Coupons applied to this payment (优惠功能).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotion_detail: Vec<PromotionDetail>,
}

/// A WeChat coupon applied to a payment (`promotion_detail[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromotionDetail {
    /// Coupon id (券ID).
    #[serde(default)]
    pub coupon_id: String,
    /// Coupon name (优惠名称).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Scope: `GLOBAL` or `SINGLE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<PromotionScope>,
    /// Kind: `CASH` (pre-funded) or `NOCASH`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<PromotionType>,
    /// Face value of the coupon (优惠券面额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Stock (activity) id (活动ID/批次ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stock_id: Option<String>,
    /// Part funded by WeChat Pay (微信出资).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wechatpay_contribute: Option<Amount>,
    /// Part funded by the merchant (商户出资).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_contribute: Option<Amount>,
    /// Part funded by others (其他出资).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_contribute: Option<Amount>,
    /// Currency (优惠币种), `CNY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Goods the coupon applies to (单品列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goods_detail: Vec<GoodsDetail>,
}

/// A goods line of a single-goods coupon (`goods_detail[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoodsDetail {
    /// Goods code (商品编码).
    #[serde(default)]
    pub goods_id: String,
    /// Quantity (商品数量).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// Unit price (商品价格).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Amount>,
    /// Discount on this goods line (商品优惠金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<Amount>,
    /// Remark (商品备注).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_remark: Option<String>,
}

/// What a `sync` call reports (`detail`, 内容信息详情).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SyncDetail {
    /// Sequence number of the payment (收款序号). Partner mode only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// When the user paid (收款成功时间): `yyyyMMddHHmmss`, or `yyyyMMdd` for 00:00:00 that
    /// day.
    pub paid_time: ServiceTime,
    /// Amount paid (收款金额). Partner mode only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_amount: Option<Amount>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn optional_fields_are_omitted() {
        let payment = Payment::builder().name("就餐费用").amount(Amount::fen(40_000)).build();
        assert_eq!(
            serde_json::to_string(&payment).unwrap(),
            r#"{"name":"就餐费用","amount":40000}"#
        );
        let range: TimeRange<StartTime> =
            TimeRange::builder().start_time(StartTime::OnAccept).build();
        assert_eq!(serde_json::to_string(&range).unwrap(), r#"{"start_time":"OnAccept"}"#);
        assert_eq!(
            serde_json::to_string(&Location::builder().end_location("A").build()).unwrap(),
            r#"{"end_location":"A"}"#
        );
        assert_eq!(serde_json::to_string(&Device::default()).unwrap(), "{}");
        let detail = SyncDetail::builder().paid_time("20091225091210".parse().unwrap()).build();
        assert_eq!(serde_json::to_string(&detail).unwrap(), r#"{"paid_time":"20091225091210"}"#);
        let detail = SyncDetail { seq: Some(1), paid_amount: Some(Amount::fen(1)), ..detail };
        assert_eq!(
            serde_json::to_string(&detail).unwrap(),
            r#"{"seq":1,"paid_time":"20091225091210","paid_amount":1}"#
        );
    }

    #[test]
    fn total_amount_is_payments_minus_discounts() {
        let payments = [
            Payment::builder().name("a").amount(Amount::fen(300)).build(),
            Payment { name: Some("b".into()), ..Payment::default() },
            Payment::builder().name("c").amount(Amount::fen(200)).build(),
        ];
        let discounts =
            [Discount::builder().name("x").amount(Amount::fen(100)).build(), Discount::default()];
        assert_eq!(total_amount(&payments, &discounts), Some(Amount::fen(400)));
        assert_eq!(total_amount(&payments, &[]), Some(Amount::fen(500)));
        assert_eq!(total_amount(&[], &[]), Some(Amount::ZERO));
        assert_eq!(
            total_amount(
                &payments[..1],
                &[Discount::builder().name("x").amount(Amount::fen(301)).build()]
            ),
            None
        );
        let huge = [
            Payment::builder().name("a").amount(Amount::fen(u64::MAX)).build(),
            Payment::builder().name("b").amount(Amount::fen(1)).build(),
        ];
        assert_eq!(total_amount(&huge, &[]), None);
    }

    #[test]
    fn time_range_converts_to_start_time_form() {
        let actual: TimeRange = TimeRange::builder()
            .start_time("20091225".parse::<ServiceTime>().unwrap())
            .start_time_remark("开始")
            .end_time("20091226".parse().unwrap())
            .end_time_remark("结束")
            .build();
        let planned = TimeRange::<StartTime>::from(actual.clone());
        assert_eq!(serde_json::to_value(&planned).unwrap(), serde_json::to_value(&actual).unwrap());
    }
}
