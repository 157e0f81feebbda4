//! The models of the cross-border orders: times, time range, collection, sync detail and the
//! order as the query answers it.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use wxpay_core::OutOrderNo;

use crate::types::{
    Amount, CollectionState, Discount, InvalidTime, Location, PaidType, Payment, PromotionDetail,
    Rfc3339, RiskFund, ServiceOrderState, ServiceTime, StateDescription, ValidationError, limit,
    optional_text, redacted_debug,
};

/// A time in a cross-border answer: RFC 3339 (`2019-11-11T16:24:05+08:00`), as the pages
/// document for the requests, or `yyyyMMddHHmmss` / `yyyyMMdd` (`20091225091010`), as the
/// query page's example shows for `time_range`.
///
/// Decoding accepts both and writes back the form it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OverseaTime {
    /// An RFC 3339 date-time with an offset.
    Rfc3339(Rfc3339),
    /// A PayScore service time without an offset.
    Service(ServiceTime),
}

impl From<Rfc3339> for OverseaTime {
    fn from(time: Rfc3339) -> Self {
        Self::Rfc3339(time)
    }
}

impl From<ServiceTime> for OverseaTime {
    fn from(time: ServiceTime) -> Self {
        Self::Service(time)
    }
}

impl FromStr for OverseaTime {
    type Err = InvalidTime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<Rfc3339>() {
            Ok(time) => Ok(Self::Rfc3339(time)),
            Err(rfc3339) => s.parse::<ServiceTime>().map(Self::Service).map_err(|_| rfc3339),
        }
    }
}

impl fmt::Display for OverseaTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rfc3339(time) => time.fmt(f),
            Self::Service(time) => time.fmt(f),
        }
    }
}

impl Serialize for OverseaTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OverseaTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The service period of a cross-border order (`time_range`, 服务时间).
///
/// Requests use RFC 3339 times (the default `T`); the answers use [`OverseaTime`], which also
/// accepts the `yyyyMMddHHmmss` form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OverseaTimeRange<T = Rfc3339> {
    /// Start of the service (服务开始时间). Required on create.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<T>,
    /// End of the service (服务结束时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<T>,
    /// Remark on the start time (服务开始时间备注), at most 20 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_remark: Option<String>,
    /// Remark on the end time (服务结束时间备注), at most 50 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time_remark: Option<String>,
}

impl<T> OverseaTimeRange<T> {
    /// Checks the documented limits: `start_time_remark` at most 20 characters,
    /// `end_time_remark` at most 50, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        optional_text(
            "time_range.start_time_remark",
            self.start_time_remark.as_ref(),
            Some(limit::START_TIME_REMARK),
        )?;
        optional_text(
            "time_range.end_time_remark",
            self.end_time_remark.as_ref(),
            Some(limit::END_TIME_REMARK),
        )
    }
}

/// What a cross-border `sync` call reports (`detail`, 内容信息详情).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct OverseaSyncDetail {
    /// Sequence number of the payment (收款序号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// When the user paid (收款成功时间), RFC 3339 with an offset.
    pub paid_time: Rfc3339,
    /// Amount paid (收款金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_amount: Option<Amount>,
}

/// The payment record of a cross-border order (`collection`, 收款信息).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OverseaCollection {
    /// Collection state (收款状态): `USER_PAYING` or `USER_PAID`.
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
    /// Bank of the payment (收款银行).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
    /// One entry per successful payment (收款明细列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<OverseaCollectionDetail>,
}

/// One successful payment of a cross-border order (`collection.details[]`, 收款明细).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OverseaCollectionDetail {
    /// Sequence number of the payment (收款序号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// Amount of this payment (单笔收款金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Channel (收款成功渠道): `NEWTON` or `MCH`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_type: Option<PaidType>,
    /// When the payment succeeded (收款成功时间), RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_time: Option<OverseaTime>,
    /// WeChat Pay transaction id (微信支付交易单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Coupons applied to this payment (优惠功能).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotion_detail: Vec<PromotionDetail>,
}

/// A cross-border service order as WeChat reports it: the answer of
/// [`QueryOverseaServiceOrder`](super::QueryOverseaServiceOrder).
///
/// Read `state`, `state_description` and `collection.state` together (protocol §9.1).
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OverseaServiceOrder {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (服务商应用ID).
    pub appid: String,
    /// The institution's merchant id (服务商商户号).
    pub mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state (服务订单状态).
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing (订单状态说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (订单风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Total amount (总金额), once completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// Whether WeChat collects payment for the order (是否需要收款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_collection: Option<bool>,
    /// Payment record (收款信息), once completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<OverseaCollection>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<OverseaTimeRange<OverseaTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data given at creation (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The notification URL given at creation (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// The user's openid under `appid` (服务商公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (子商户公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
    /// Currency of the order (货币类型), e.g. `HKD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Exchange rate value (汇率值), e.g. `90000000` for 1 HKD = 0.90 CNY.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_price: Option<u64>,
    /// Exchange rate as text (汇率), e.g. `1HKD=0.90CNY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_rate_info: Option<String>,
}

redacted_debug!(OverseaServiceOrder {
    out_order_no, service_id, appid, mchid, sub_appid, sub_mchid, service_introduction, state,
    state_description, post_payments, post_discounts, risk_fund, total_amount, need_collection,
    collection, time_range, location, attach, notify_url, order_id, currency, currency_price,
    currency_rate_info,
} redact { openid, sub_openid });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(super) mod tests {
    use super::*;
    use crate::{PromotionScope, PromotionType, test_support::decode};

    /// WeChat's example answer of `GET /v3/payscore/oversea/partner/serviceorder`.
    pub(crate) const ORDER: &str = r#"{
        "out_order_no": "1234323JKHDFE1243252",
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "sub_appid": "wxd678efh567hg6999",
        "sub_mchid": "1900000109",
        "service_introduction": "XX充电宝",
        "state": "CREATED",
        "state_description": "MCH_COMPLETE",
        "post_payments": [{"name": "就餐费用", "amount": 40000, "description": "就餐人均100元", "count": 4}],
        "post_discounts": [{"name": "满20减1元", "description": "不与其他优惠叠加", "amount": 100, "count": 2}],
        "risk_fund": {"name": "DEPOSIT", "amount": 10000, "description": "就餐的预估费用"},
        "total_amount": 40000,
        "need_collection": true,
        "collection": {
            "state": "USER_PAID",
            "total_amount": 50000,
            "paying_amount": 40000,
            "paid_amount": 10000,
            "bank_type": "example_bank_type",
            "details": [{
                "seq": 1,
                "amount": 10000,
                "paid_type": "NEWTON",
                "paid_time": "2019-11-11T16:24:05+08:00",
                "transaction_id": "15646546545165651651",
                "promotion_detail": [{
                    "coupon_id": "123456",
                    "name": "单品优惠-6",
                    "scope": "GLOBAL",
                    "type": "CASH",
                    "amount": 100,
                    "stock_id": "activity_id",
                    "wechatpay_contribute": 100,
                    "merchant_contribute": 100,
                    "other_contribute": 100,
                    "currency": "CNY",
                    "goods_detail": [{"goods_id": "M1006", "quantity": 1, "unit_price": 1, "discount_amount": 100, "goods_remark": "商品备注信息"}]
                }]
            }]
        },
        "time_range": {"start_time": "20091225091010", "start_time_remark": "开始租借时间", "end_time": "20091225121010", "end_time_remark": "租借结束时间"},
        "location": {"start_location": "嗨客时尚主题展餐厅", "end_location": "嗨客时尚主题展餐厅"},
        "attach": "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald",
        "notify_url": "https://api.test.com",
        "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "sub_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "order_id": "0000300001201908301055157220022",
        "currency": "HKD",
        "currency_price": 90000000,
        "currency_rate_info": "1HKD=0.90CNY"
    }"#;

    #[test]
    fn decodes_the_documented_order() {
        let order: OverseaServiceOrder = decode(ORDER);
        assert_eq!(order.state, ServiceOrderState::Created);
        assert_eq!(order.currency.as_deref(), Some("HKD"));
        assert_eq!(order.currency_price, Some(90_000_000));
        assert_eq!(order.currency_rate_info.as_deref(), Some("1HKD=0.90CNY"));
        let collection = order.collection.as_ref().unwrap();
        assert_eq!(collection.state, CollectionState::UserPaid);
        assert_eq!(collection.bank_type.as_deref(), Some("example_bank_type"));
        let detail = &collection.details[0];
        assert_eq!(
            detail.paid_time,
            Some(OverseaTime::Rfc3339("2019-11-11T16:24:05+08:00".parse().unwrap()))
        );
        assert_eq!(detail.promotion_detail[0].scope, Some(PromotionScope::Global));
        assert_eq!(detail.promotion_detail[0].r#type, Some(PromotionType::Cash));
        let range = order.time_range.as_ref().unwrap();
        assert_eq!(range.start_time, Some(OverseaTime::Service("20091225091010".parse().unwrap())));
        let debug = format!("{order:?}");
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("openid: Some(<redacted>)"), "{debug}");
    }

    #[test]
    fn oversea_time_keeps_its_form() {
        for text in ["2019-11-11T16:24:05+08:00", "20091225091010", "20091225"] {
            let time: OverseaTime = text.parse().unwrap();
            assert_eq!(time.to_string(), text);
            assert_eq!(serde_json::to_value(time).unwrap(), serde_json::Value::from(text));
        }
        assert!("2019-11-11 16:24:05".parse::<OverseaTime>().is_err());
        assert!(serde_json::from_str::<OverseaTime>(r#""20091332""#).is_err());
    }

    #[test]
    fn time_range_and_sync_detail_serialize_as_documented() {
        let range: OverseaTimeRange = OverseaTimeRange::builder()
            .start_time("2019-11-11T16:24:05+08:00".parse().unwrap())
            .start_time_remark("备注1")
            .build();
        assert_eq!(
            serde_json::to_string(&range).unwrap(),
            r#"{"start_time":"2019-11-11T16:24:05+08:00","start_time_remark":"备注1"}"#
        );
        assert!(
            serde_json::from_str::<OverseaTimeRange>(r#"{"start_time":"20091225091010"}"#).is_err()
        );
        let detail = OverseaSyncDetail::builder()
            .seq(1)
            .paid_time("2019-11-11T16:24:05+08:00".parse().unwrap())
            .paid_amount(Amount::fen(1))
            .build();
        assert_eq!(
            serde_json::to_string(&detail).unwrap(),
            r#"{"seq":1,"paid_time":"2019-11-11T16:24:05+08:00","paid_amount":1}"#
        );
    }
}
