//! `POST /v3/payscore/servicepayondeliveryorder`
//!
//! Pay-on-delivery orders (先用后付): the user receives the goods first and PayScore charges
//! later; the order carries the goods bought ([`ShoppingInfo`]).

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{
    Amount, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime, StateDescription,
    TimeRange, ValidationError, check_new_order, ids, openid_unless_confirmed, redacted_debug,
    required_text,
};

/// Creates a pay-on-delivery order (创建先用后付订单, direct merchant).
///
/// `POST /v3/payscore/servicepayondeliveryorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/create-pay-on-delivery-service-order.html>
///
/// Like [`crate::service_order::CreateServiceOrder`] plus the goods the user takes home
/// (`shopping_info`, 先用后付购物详情). The answer carries the `package` for the
/// front end. `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/servicepayondeliveryorder", response = CreatePayOnDeliveryOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePayOnDeliveryOrder {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID bound to the merchant (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What the service is (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// Planned fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Planned merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Planned service period (服务时间段).
    pub time_range: TimeRange<StartTime>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Risk fund (订单风险金).
    pub risk_fund: RiskFund,
    /// The merchant's own data (商户数据包), at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// Where WeChat sends the order notifications (商户回调地址).
    pub notify_url: String,
    /// The user's openid under `appid` (用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// Whether the user must confirm the order (是否需要用户确认).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_user_confirm: Option<bool>,
    /// Merchant id (商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// What the user buys (先用后付购物详情).
    pub shopping_info: ShoppingInfo,
}

impl CreatePayOnDeliveryOrder {
    /// Checks the documented limits before sending: ids present, `service_introduction` at
    /// most 20 characters, fee items, discounts, time range, risk fund, `attach`,
    /// `notify_url`, and at least one good with a name and a picture.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[("appid", &self.appid), ("service_id", &self.service_id)])?;
        check_new_order!(self);
        openid_unless_confirmed(self.need_user_confirm, self.openid.is_some())?;
        self.shopping_info.validate()
    }
}

redacted_debug!(CreatePayOnDeliveryOrder {
    out_order_no, appid, service_id, service_introduction, post_payments, post_discounts,
    time_range, location, risk_fund, attach, notify_url, need_user_confirm, mchid, shopping_info,
} redact { openid });

/// What the user buys in a pay-on-delivery order (先用后付购物详情, `shopping_info`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ShoppingInfo {
    /// The official-account App ID of the shop actually selling (实际购物商家公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_merchant_appid: Option<String>,
    /// Where the order detail links to (单详跳转链接).
    pub jump_link: JumpLink,
    /// The goods (商品列表), at least one.
    pub goods: Vec<Good>,
}

impl ShoppingInfo {
    /// At least one good, each with a name and a picture link.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.goods.is_empty() {
            return Err(ValidationError::Missing { field: "shopping_info.goods".into() });
        }
        for good in &self.goods {
            required_text("goods.name", &good.name, None)?;
            required_text("goods.picture", &good.picture, None)?;
        }
        Ok(())
    }
}

/// The link behind the order detail (单详跳转链接, `jump_link`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct JumpLink {
    /// Link type (跳转链接类型); WeChat documents `JUMP_LINK_MINI_PROGRAM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jump_link_type: Option<String>,
    /// Mini-program App ID to open (小程序跳转 AppID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// Mini-program page path (小程序跳转path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// One good of a pay-on-delivery order (商品, `goods[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Good {
    /// Name (商品名称).
    pub name: String,
    /// Picture link (商品图片链接).
    pub picture: String,
    /// Unit price (商品单价金额), in fen.
    pub amount: Amount,
    /// Quantity (商品数量).
    pub count: u32,
    /// Category ids (类目ID).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub category_id: Vec<String>,
}

/// The answer to [`CreatePayOnDeliveryOrder`]: the new order and the `package` for the
/// front end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePayOnDeliveryOrderResponse {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state (服务订单状态).
    pub state: ServiceOrderState,
    /// State detail (订单状态说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The notification URL (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
    /// Data for the WeChat mini-program order page (跳转微信侧小程序订单数据).
    pub package: String,
    /// What the user buys (先用后付购物详情).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<ShoppingInfo>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode, example_risk_fund};

    fn shopping_info() -> ShoppingInfo {
        ShoppingInfo::builder()
            .real_merchant_appid("wxd678efh567hg6787")
            .jump_link(
                JumpLink::builder()
                    .jump_link_type("JUMP_LINK_MINI_PROGRAM")
                    .appid("wxd678efh567hg6788")
                    .path("pages/order")
                    .build(),
            )
            .goods(vec![
                Good::builder()
                    .name("无线耳机")
                    .picture("http://mmbiz.qpic.cn/a.png")
                    .amount(Amount::fen(40_000))
                    .count(4)
                    .category_id(vec!["string".into()])
                    .build(),
            ])
            .build()
    }

    fn request() -> CreatePayOnDeliveryOrder {
        CreatePayOnDeliveryOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .service_introduction("某某酒店")
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<StartTime>().unwrap())
                    .build(),
            )
            .risk_fund(example_risk_fund())
            .notify_url("https://api.test.com")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .need_user_confirm(true)
            .mchid("1230000109")
            .shopping_info(shopping_info())
            .build()
    }

    #[test]
    fn prepares_the_request() {
        let request = request();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/servicepayondeliveryorder",
            concat!(
                r#"{"out_order_no":"1234323JKHDFE1243252","appid":"wxd678efh567hg6787","service_id":"500001","#,
                r#""service_introduction":"某某酒店","time_range":{"start_time":"20091225091010"},"#,
                r#""risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},"#,
                r#""notify_url":"https://api.test.com","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","#,
                r#""need_user_confirm":true,"mchid":"1230000109","shopping_info":{"#,
                r#""real_merchant_appid":"wxd678efh567hg6787","jump_link":{"jump_link_type":"JUMP_LINK_MINI_PROGRAM","#,
                r#""appid":"wxd678efh567hg6788","path":"pages/order"},"goods":[{"name":"无线耳机","#,
                r#""picture":"http://mmbiz.qpic.cn/a.png","amount":40000,"count":4,"category_id":["string"]}]}}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn validate_requires_goods_and_redacts_openid() {
        let mut request = request();
        assert!(!format!("{request:?}").contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        request.shopping_info.goods.clear();
        assert_eq!(
            request.validate(),
            Err(ValidationError::Missing { field: "shopping_info.goods".into() })
        );
    }

    #[test]
    fn decodes_the_response() {
        let response: CreatePayOnDeliveryOrderResponse = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"500001","service_introduction":"某某酒店","state":"CREATED",
                "post_payments":[{"name":"就餐费用, 服务费","amount":40000,"description":"就餐人均100元，服务费：100/小时","count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],
                "risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},
                "time_range":{"start_time":"20091225091010","end_time":"20091225121010"},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"15646546545165651651","package":"DJIOSQPYWDxsjdldeskdfjsiewfjsd",
                "shopping_info":{"real_merchant_appid":"wxd678efh567hg6787",
                  "jump_link":{"jump_link_type":"JUMP_LINK_MINI_PROGRAM","appid":"wx1","path":"p"},
                  "goods":[{"name":"耳机","picture":"http://mmbiz.qpic.cn/a.png","amount":40000,"count":4,"category_id":["string"]}]}}"#,
        );
        assert_eq!(response.state, ServiceOrderState::Created);
        assert_eq!(response.package, "DJIOSQPYWDxsjdldeskdfjsiewfjsd");
        assert_eq!(response.post_payments.len(), 1);
        let shopping = response.shopping_info.unwrap();
        assert_eq!(shopping.goods[0].count, 4);
        assert_eq!(shopping.goods[0].amount, Amount::fen(40_000));
        assert_eq!(shopping.jump_link.jump_link_type.as_deref(), Some("JUMP_LINK_MINI_PROGRAM"));
    }
}
