//! `POST /v3/payscore/partner/servicepayondeliveryorder`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::service_pay_on_delivery_order::ShoppingInfo;
use crate::types::{
    Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime, StateDescription,
    TimeRange, ValidationError, check_new_order, ids, redacted_debug, sub_appid_with_sub_openid,
};

/// Creates a pay-on-delivery order for a sub-merchant (创建先用后付订单, service provider).
///
/// `POST /v3/payscore/partner/servicepayondeliveryorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/create-partner-pay-on-delivery-service-order.html>
///
/// The partner twin of [`crate::service_pay_on_delivery_order::CreatePayOnDeliveryOrder`],
/// with `sub_mchid`, `sub_appid` and `sub_openid`. `Debug` redacts `openid` and `sub_openid`.
#[endpoint(POST, "v3/payscore/partner/servicepayondeliveryorder", response = CreatePartnerPayOnDeliveryOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePartnerPayOnDeliveryOrder {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// The service provider's app ID (公众账号ID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户应用ID); required with `sub_openid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What the service is (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// Planned fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Planned merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Planned service period (服务时间).
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
    /// The user's openid under `sub_appid` (子商户公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Whether the user must confirm the order (是否需要用户确认).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_user_confirm: Option<bool>,
    /// Merchant id (商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// What the user buys (先用后付购物详情).
    pub shopping_info: ShoppingInfo,
}

impl CreatePartnerPayOnDeliveryOrder {
    /// Checks the documented limits before sending: ids present, `sub_appid` given with
    /// `sub_openid`, `service_introduction` at most 20 characters, fee items, discounts,
    /// time range, risk fund, `attach`, `notify_url`, and the goods.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[
            ("appid", &self.appid),
            ("sub_mchid", &self.sub_mchid),
            ("service_id", &self.service_id),
        ])?;
        sub_appid_with_sub_openid(self.sub_appid.as_ref(), self.sub_openid.as_ref())?;
        check_new_order!(self);
        self.shopping_info.validate()
    }
}

redacted_debug!(CreatePartnerPayOnDeliveryOrder {
    out_order_no, appid, sub_mchid, sub_appid, service_id, service_introduction, post_payments,
    post_discounts, time_range, location, risk_fund, attach, notify_url, need_user_confirm, mchid,
    shopping_info,
} redact { openid, sub_openid });

/// The answer to [`CreatePartnerPayOnDeliveryOrder`]. Unlike the direct answer, WeChat
/// documents `order_id` and `package` as optional here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePartnerPayOnDeliveryOrderResponse {
    /// The merchant's order number (商户订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商公众号ID).
    pub appid: String,
    /// The service provider's merchant id (服务商商户号).
    pub mchid: String,
    /// Sub-merchant app ID (子商户公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户商户号).
    pub sub_mchid: String,
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
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Service period (服务时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data (附加数据).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The notification URL (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Data for the WeChat side (跳转微信侧数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// What the user buys (先用后付购物详情).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<ShoppingInfo>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::service_pay_on_delivery_order::{Good, JumpLink};
    use crate::{
        Amount, RiskFundName,
        test_support::{assert_request, decode},
    };

    fn request() -> CreatePartnerPayOnDeliveryOrder {
        CreatePartnerPayOnDeliveryOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6999")
            .service_id("500001")
            .service_introduction("某某酒店")
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<StartTime>().unwrap())
                    .build(),
            )
            .risk_fund(
                RiskFund::builder().name(RiskFundName::Deposit).amount(Amount::fen(10_000)).build(),
            )
            .notify_url("https://api.test.com")
            .sub_openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .shopping_info(
                ShoppingInfo::builder()
                    .jump_link(JumpLink::builder().jump_link_type("JUMP_LINK_MINI_PROGRAM").build())
                    .goods(vec![
                        Good::builder()
                            .name("耳机")
                            .picture("http://mmbiz.qpic.cn/a.png")
                            .amount(Amount::fen(40_000))
                            .count(4)
                            .build(),
                    ])
                    .build(),
            )
            .build()
    }

    #[test]
    fn prepares_the_request() {
        let request = request();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/servicepayondeliveryorder",
            concat!(
                r#"{"out_order_no":"1234323JKHDFE1243252","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","#,
                r#""sub_appid":"wxd678efh567hg6999","service_id":"500001","service_introduction":"某某酒店","#,
                r#""time_range":{"start_time":"20091225091010"},"risk_fund":{"name":"DEPOSIT","amount":10000},"#,
                r#""notify_url":"https://api.test.com","sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","#,
                r#""shopping_info":{"jump_link":{"jump_link_type":"JUMP_LINK_MINI_PROGRAM"},"#,
                r#""goods":[{"name":"耳机","picture":"http://mmbiz.qpic.cn/a.png","amount":40000,"count":4}]}}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
        assert!(!format!("{request:?}").contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        let mut without_sub_appid = request;
        without_sub_appid.sub_appid = None;
        assert_eq!(
            without_sub_appid.validate(),
            Err(ValidationError::Missing { field: "sub_appid".into() })
        );
    }

    #[test]
    fn decodes_the_response() {
        let response: CreatePartnerPayOnDeliveryOrderResponse = decode(
            r#"{"out_order_no":"1234323JKHDFE1243252","service_id":"500001","appid":"wxd678efh567hg6787",
                "mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109",
                "service_introduction":"某某酒店","state":"CREATED",
                "post_payments":[{"name":"就餐费用, 服务费","amount":40000,"description":"就餐人均100元，服务费：100/小时","count":4}],
                "risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"15646546545165651651","package":"DJIOSQPYWDxsjdldeskdfjsiewfjsd"}"#,
        );
        assert_eq!(response.sub_mchid, "1900000109");
        assert_eq!(response.state, ServiceOrderState::Created);
        assert_eq!(response.package.as_deref(), Some("DJIOSQPYWDxsjdldeskdfjsiewfjsd"));
        assert!(response.shopping_info.is_none());
        let minimal: CreatePartnerPayOnDeliveryOrderResponse = decode(
            r#"{"out_order_no":"1","service_id":"5","appid":"wx","mchid":"1","sub_mchid":"2",
                "service_introduction":"s","state":"DOING","state_description":"USER_CONFIRM"}"#,
        );
        assert_eq!(minimal.order_id, None);
    }
}
