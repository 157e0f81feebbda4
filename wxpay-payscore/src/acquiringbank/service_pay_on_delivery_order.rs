//! `POST /v3/payscore/acquiringbank/servicepayondeliveryorder`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::{
    permissions::Goods,
    types::{
        Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime, StateDescription,
        TimeRange, ValidationError, ids, items, limit, optional_text, redacted_debug,
        service_introduction, string_enum,
    },
};

/// Creates a pay-on-delivery order (从业机构创建先用后付订单): the user receives the goods
/// first and pays later through PayScore.
///
/// `POST /v3/payscore/acquiringbank/servicepayondeliveryorder`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012783674>
///
/// `shopping_info` describes the goods shown to the user in the order page.
/// `Debug` redacts `openid` and `sub_openid`.
#[endpoint(POST, "v3/payscore/acquiringbank/servicepayondeliveryorder", response = CreateAcquiringBankPayOnDeliveryOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateAcquiringBankPayOnDeliveryOrder {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What the service is (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Service period (服务时间段); `start_time` may be `OnAccept`.
    pub time_range: TimeRange<StartTime>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Risk fund (订单风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// The merchant's own data (商户数据包), at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// Where WeChat sends the order notifications (商户回调地址), at most 255 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// The user's openid (用户标识). Personal data.
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
    /// What the user bought (先用后付购物详情).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<PayOnDeliveryShoppingInfo>,
}

impl CreateAcquiringBankPayOnDeliveryOrder {
    /// Checks the documented limits before sending: ids present, `service_introduction` at
    /// most 20 characters, the fee items (at most 100) and discounts (at most 30), remarks and risk fund, `attach` at most 256 and
    /// `notify_url` at most 255 characters, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[("appid", &self.appid), ("service_id", &self.service_id)])?;
        service_introduction(&self.service_introduction)?;
        items(&self.post_payments, &self.post_discounts, false)?;
        self.time_range.validate()?;
        self.location.as_ref().map_or(Ok(()), Location::validate)?;
        self.risk_fund.as_ref().map_or(Ok(()), RiskFund::validate)?;
        optional_text("attach", self.attach.as_ref(), Some(limit::ATTACH))?;
        optional_text("notify_url", self.notify_url.as_ref(), Some(limit::NOTIFY_URL))
    }
}

redacted_debug!(CreateAcquiringBankPayOnDeliveryOrder {
    out_order_no, appid, sub_mchid, sub_appid, channel_id, service_id, service_introduction,
    post_payments, post_discounts, time_range, location, risk_fund, attach, notify_url,
    need_user_confirm, mchid, shopping_info,
} redact { openid, sub_openid });

/// What the user bought in a pay-on-delivery order (`shopping_info`, 先用后付购物详情).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PayOnDeliveryShoppingInfo {
    /// App ID of the shop where the user bought (实际购物商家公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_merchant_appid: Option<String>,
    /// Where the order detail links to (单详跳转链接).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jump_link: Option<JumpLink>,
    /// The goods (商品列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub goods: Vec<Goods>,
}

/// The link of a pay-on-delivery order's detail page (`jump_link`, 单详跳转链接).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct JumpLink {
    /// Kind of link (跳转链接类型): `JUMP_LINK_MINI_PROGRAM`.
    pub jump_link_type: JumpLinkType,
    /// App ID of the mini-program (小程序跳转 `AppID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// Page path in the mini-program (小程序跳转path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

string_enum! {
    /// Kind of [`JumpLink`] (`jump_link_type`, 跳转链接类型).
    pub enum JumpLinkType {
        /// `JUMP_LINK_MINI_PROGRAM`: a mini-program page.
        MiniProgram = "JUMP_LINK_MINI_PROGRAM",
    }
}

/// The answer to [`CreateAcquiringBankPayOnDeliveryOrder`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateAcquiringBankPayOnDeliveryOrderResponse {
    /// The merchant's order number (商户订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// App ID (服务商公众号ID).
    pub appid: String,
    /// Merchant id (服务商商户号).
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
    /// What a `DOING` order is doing (订单状态说明).
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
    /// Data for the confirmation page (跳转微信侧数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// What the user bought (先用后付购物详情).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<PayOnDeliveryShoppingInfo>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        Amount,
        test_support::{assert_request, decode, prepare},
    };

    const PICTURE: &str = "http://mmbiz.qpic.cn/mmbiz_png/ldTw9dg46zkjOrzyTkbQAvQkysliaiblZhdthZWewgQMyqLZwStaNEsJrYmjwh2MlK7G4wibAFOEuISQKplSnxMWA/640?wx_fmt=png&wxfrom=200";

    fn request() -> CreateAcquiringBankPayOnDeliveryOrder {
        CreateAcquiringBankPayOnDeliveryOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .channel_id("1230000109")
            .service_id("500001")
            .service_introduction("某某酒店")
            .post_payments(decode(
                r#"[{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}]"#,
            ))
            .time_range(decode(r#"{"start_time":"OnAccept","end_time":"20091225121010"}"#))
            .risk_fund(decode(r#"{"name":"ESTIMATE_ORDER_COST","amount":10000}"#))
            .notify_url("https://api.test.com")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .shopping_info(
                PayOnDeliveryShoppingInfo::builder()
                    .real_merchant_appid("wxd678efh567hg6787")
                    .jump_link(
                        JumpLink::builder()
                            .jump_link_type(JumpLinkType::MiniProgram)
                            .appid("wxd678efh567hg6787")
                            .path("/page/order/orderid=PO213412451223")
                            .build(),
                    )
                    .goods(decode(&format!(
                        r#"[{{"name":"森海塞尔 MOMENTUM 4 无线耳机","picture":"{PICTURE}","amount":40000,"count":4,"category_id":["6032"]}}]"#
                    )))
                    .build(),
            )
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/servicepayondeliveryorder",
            &format!(
                r#"{{"out_order_no":"1234323JKHDFE1243252","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","channel_id":"1230000109","service_id":"500001","service_introduction":"某某酒店","post_payments":[{{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}}],"time_range":{{"start_time":"OnAccept","end_time":"20091225121010"}},"risk_fund":{{"name":"ESTIMATE_ORDER_COST","amount":10000}},"notify_url":"https://api.test.com","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","shopping_info":{{"real_merchant_appid":"wxd678efh567hg6787","jump_link":{{"jump_link_type":"JUMP_LINK_MINI_PROGRAM","appid":"wxd678efh567hg6787","path":"/page/order/orderid=PO213412451223"}},"goods":[{{"name":"森海塞尔 MOMENTUM 4 无线耳机","picture":"{PICTURE}","amount":40000,"count":4,"category_id":["6032"]}}]}}}}"#
            ),
        );
        assert_eq!(request().validate(), Ok(()));
        let decoded: CreateAcquiringBankPayOnDeliveryOrder =
            serde_json::from_slice(prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
    }

    #[test]
    fn decodes_the_documented_response() {
        let response: CreateAcquiringBankPayOnDeliveryOrderResponse = decode(&format!(
            r#"{{"out_order_no":"1234323JKHDFE1243252","service_id":"2002000000000558128851361561536",
                "appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999",
                "sub_mchid":"1900000109","service_introduction":"XX充电宝","state":"CREATED",
                "state_description":"MCH_COMPLETE",
                "post_payments":[{{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}}],
                "post_discounts":[{{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}}],
                "risk_fund":{{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"}},
                "time_range":{{"start_time":"20091225091010","end_time":"20091225121010","start_time_remark":"备注1","end_time_remark":"备注2"}},
                "location":{{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"}},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"0000300001201908301055157220022","package":"DJIOSQPYWDxsjdldeuwhdodwxasd_dDiodnwjh9we",
                "shopping_info":{{"real_merchant_appid":"wxd678efh567hg6787",
                    "jump_link":{{"jump_link_type":"JUMP_LINK_MINI_PROGRAM","appid":"wxd678efh567hg6787","path":"/page/order/orderid=PO213412451223"}},
                    "goods":[{{"name":"森海塞尔 MOMENTUM 4 无线耳机大馒头4 头戴式蓝牙音乐耳机自适应降噪","picture":"{PICTURE}","amount":550,"count":1}}]}}}}"#
        ));
        assert_eq!(response.state, ServiceOrderState::Created);
        assert_eq!(response.sub_mchid, "1900000109");
        let shopping = response.shopping_info.unwrap();
        assert_eq!(
            shopping.jump_link.map(|link| link.jump_link_type),
            Some(JumpLinkType::MiniProgram)
        );
        assert_eq!(shopping.goods[0].amount, Amount::fen(550));
        assert_eq!(shopping.goods[0].count, 1);
        assert!(shopping.goods[0].category_id.is_empty());
        assert_eq!(response.package.as_deref(), Some("DJIOSQPYWDxsjdldeuwhdodwxasd_dDiodnwjh9we"));
    }
}
